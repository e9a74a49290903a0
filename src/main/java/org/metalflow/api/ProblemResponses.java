package org.metalflow.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal of the API into an RFC 9457 problem body. Field errors are listed under
 * {@code errors} as {@code {"field": "bmc.address", "message": "..."}} so a client can point at the input.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create(ProblemException.TYPE_BASE + typeOf(e.status())));
        if (e.field() != null) {
            problem.setProperty("errors", List.of(fieldError(e.field(), e.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = e.getName() + " has an invalid value '" + e.getValue() + "'";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setType(URI.create(ProblemException.TYPE_BASE + "invalid-request"));
        problem.setProperty("errors", List.of(fieldError(e.getName(), message)));
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> fieldError(f.getField(), f.getField() + " " + f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(m -> m.get("message")).sorted().collect(Collectors.joining("; ")));
        problem.setType(URI.create(ProblemException.TYPE_BASE + "invalid-request"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem;
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " is not a known field");
            problem.setProperty("errors", List.of(fieldError(field, field + " is not a known field")));
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " has the wrong type");
            problem.setProperty("errors", List.of(fieldError(field, field + " has the wrong type")));
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "the request body is missing or is not valid JSON");
        }
        problem.setType(URI.create(ProblemException.TYPE_BASE + "invalid-request"));
        return ResponseEntity.badRequest().body(problem);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String typeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "invalid-request";
            case CONFLICT -> "conflict";
            case NOT_FOUND -> "not-found";
            default -> status.name().toLowerCase().replace('_', '-');
        };
    }
}
