package dev.flareobserver.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The one place that writes Cloudflare's v4 envelope:
 * {@code {success, errors, messages, result, result_info?}}. Failures carry {@code result: null}
 * (required by {@code api-response-common-failure}); {@code result_info} appears only on lists.
 */
public final class Envelope {

    private Envelope() {
    }

    public static Response success(Object result) {
        return success(200, result, null, List.of());
    }

    public static Response success(Object result, List<ApiError> messages) {
        return success(200, result, null, messages);
    }

    public static Response page(Paging.Slice<?> slice) {
        return success(200, slice.items(), slice.info(), List.of());
    }

    public static Response success(int status, Object result, Object resultInfo, List<ApiError> messages) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("success", true);
        root.set("errors", Json.MAPPER.createArrayNode());
        root.set("messages", items(messages));
        root.set("result", Json.MAPPER.valueToTree(result));
        if (resultInfo != null) {
            root.set("result_info", Json.MAPPER.valueToTree(resultInfo));
        }
        return Response.json(status, bytes(root));
    }

    public static Response failure(ApiException e) {
        return failure(e.status(), e.errors());
    }

    public static Response failure(int status, List<ApiError> errors) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("success", false);
        root.set("errors", items(errors));
        root.set("messages", Json.MAPPER.createArrayNode());
        root.putNull("result");
        return Response.json(status, bytes(root));
    }

    private static ArrayNode items(List<ApiError> errors) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        errors.forEach(e -> array.add(Json.MAPPER.<ObjectNode>valueToTree(e)));
        return array;
    }

    public static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Emulator response could not be serialised", e);
        }
    }
}
