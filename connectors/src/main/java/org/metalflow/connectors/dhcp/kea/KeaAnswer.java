package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One Kea command answer: {@code result} 0 = success, 1 = error, 2 = unsupported, 3 = empty (nothing found or
 * nothing to do), {@code text} as Kea wrote it, {@code arguments} or a missing node.
 */
public record KeaAnswer(int result, String text, JsonNode arguments) {

    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;

    public KeaAnswer {
        text = text == null ? "" : text;
        arguments = arguments == null ? MissingNode.getInstance() : arguments;
    }

    static String meaning(int result) {
        return switch (result) {
            case SUCCESS -> "success";
            case ERROR -> "error";
            case UNSUPPORTED -> "unsupported";
            case EMPTY -> "empty";
            default -> "unknown result";
        };
    }
}
