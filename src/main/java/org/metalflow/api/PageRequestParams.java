package org.metalflow.api;

/** Checked paging parameters: page from 0, size between 1 and {@value #MAX_SIZE}. */
public record PageRequestParams(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequestParams {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
