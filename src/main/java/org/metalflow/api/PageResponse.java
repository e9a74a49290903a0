package org.metalflow.api;

import java.util.List;

/** One page of a list: every list endpoint is paged, the first page is 0. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
