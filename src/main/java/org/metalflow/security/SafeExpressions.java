package org.metalflow.security;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The expression rule for BPMN deployed by someone who is not an admin. JUEL reaches Java: identifiers resolve
 * to process variables but also to the engine's context objects ({@code execution}, {@code task}) and to every
 * Spring bean, and {@code a.b(...)} calls any public method. So an expression may read variables (with property
 * and index access, operators and literals) and may call methods only on the allow-listed platform beans and
 * on the engine's time and user functions ({@code dateTime()}, {@code now()}, {@code currentUser()},
 * {@code currentUserGroups()}). It may never name the engine's context objects, a bean outside the allow-list,
 * or a reflective member such as {@code class} or {@code getClass}.
 */
final class SafeExpressions {

    static final Set<String> FUNCTIONS = Set.of("dateTime", "now", "currentUser", "currentUserGroups");

    /** What the engine puts in scope next to the variables; each one opens the whole engine. */
    static final Set<String> CONTEXT_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "delegateTask", "processEngine", "processEngineServices", "processEngineConfiguration");

    /** Properties of the context objects that are plain values (ids, names, keys), so reading them is harmless. */
    static final Set<String> CONTEXT_PROPERTIES = Set.of("id", "processInstanceId", "processBusinessKey",
            "businessKey", "processDefinitionId", "currentActivityId", "currentActivityName", "activityInstanceId",
            "eventName", "tenantId", "name", "assignee", "owner", "taskDefinitionKey", "dueDate", "priority",
            "topicName", "workerId");

    /**
     * Methods of the context objects that only tell whether a variable exists: harmless, and they answer a boolean,
     * so nothing can be called on what they return. ({@code getVariable} is not here: it may return any object.)
     */
    static final Set<String> CONTEXT_READS = Set.of("hasVariable", "hasVariableLocal");

    /** Members that lead from any object to reflection, class loading or the engine. */
    static final Set<String> FORBIDDEN_MEMBERS = Set.of("class", "getClass", "classLoader", "getClassLoader",
            "forName", "declaringClass", "getDeclaringClass", "module", "getModule", "invoke", "newInstance",
            "getRuntime", "exec", "processEngine", "getProcessEngine", "processEngineServices",
            "getProcessEngineServices", "processEngineConfiguration", "getProcessEngineConfiguration");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "div", "mod", "empty", "true", "false", "null", "instanceof");

    private final Set<String> allowedBeans;
    private final Predicate<String> isBean;

    SafeExpressions(Set<String> allowedBeans, Predicate<String> isBean) {
        this.allowedBeans = Set.copyOf(allowedBeans);
        this.isBean = isBean;
    }

    /** The problems of every {@code ${...}} and {@code #{...}} in a text; empty when it has none or all are safe. */
    List<String> problemsIn(String text) {
        List<String> problems = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = nextStart(text, from);
            if (start < 0) {
                return problems;
            }
            int end = closingBrace(text, start + 2);
            String body = text.substring(start + 2, end < 0 ? text.length() : end);
            String problem = problemOf(body);
            if (problem != null) {
                problems.add("expression " + shorten(text.substring(start, end < 0 ? text.length() : end + 1))
                        + " " + problem);
            }
            if (end < 0) {
                return problems;
            }
            from = end + 1;
        }
    }

    /** The delegate rule: {@code ${bean}} naming an allow-listed bean, nothing more. */
    boolean isAllowedDelegate(String value) {
        String trimmed = value.strip();
        if (!(trimmed.startsWith("${") || trimmed.startsWith("#{")) || !trimmed.endsWith("}")) {
            return false;
        }
        return allowedBeans.contains(trimmed.substring(2, trimmed.length() - 1).strip());
    }

    Set<String> allowedBeans() {
        return allowedBeans;
    }

    private String problemOf(String body) {
        List<Token> tokens;
        try {
            tokens = tokenize(body);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        // one entry per open ( or [: whether the chain at that level may call methods
        Deque<Boolean> outer = new ArrayDeque<>();
        boolean trusted = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (token.kind()) {
                case IDENTIFIER -> {
                    String name = token.text();
                    boolean call = next != null && next.is("(");
                    if (previous != null && previous.is(".")) {
                        if (FORBIDDEN_MEMBERS.contains(name)) {
                            return "uses the member '" + name + "', which reaches reflection or the engine";
                        }
                        if (call && !trusted) {
                            return "calls the method '" + name + "' on a variable; methods may be called only on "
                                    + "the platform beans " + allowedBeans + " and on " + FUNCTIONS;
                        }
                    } else if (KEYWORDS.contains(name)) {
                        trusted = false;
                    } else if (next != null && next.is(":") && i + 3 < tokens.size()
                            && tokens.get(i + 2).kind() == Kind.IDENTIFIER && tokens.get(i + 3).is("(")) {
                        return "calls the function '" + name + ":...', which is not allowed";
                    } else if (call) {
                        if (!FUNCTIONS.contains(name)) {
                            return "calls '" + name + "(...)'; the functions allowed are " + FUNCTIONS;
                        }
                        trusted = true;
                    } else if (CONTEXT_OBJECTS.contains(name)) {
                        Token member = i + 2 < tokens.size() && next != null && next.is(".") ? tokens.get(i + 2) : null;
                        boolean calls = i + 3 < tokens.size() && tokens.get(i + 3).is("(");
                        boolean plainRead = member != null && (calls ? CONTEXT_READS.contains(member.text())
                                : CONTEXT_PROPERTIES.contains(member.text()));
                        if (!plainRead) {
                            return "uses '" + name + "', the engine's own object, which reaches the whole engine "
                                    + "(only its properties " + CONTEXT_PROPERTIES + " may be read, and variables with "
                                    + CONTEXT_READS + ")";
                        }
                        trusted = calls;
                    } else if (allowedBeans.contains(name)) {
                        trusted = true;
                    } else if (isBean.test(name)) {
                        return "uses the platform bean '" + name + "', which is not one of " + allowedBeans;
                    } else {
                        trusted = false;
                    }
                }
                case STRING -> {
                    if (FORBIDDEN_MEMBERS.contains(token.text())) {
                        return "uses the member '" + token.text() + "', which reaches reflection or the engine";
                    }
                    // a string literal's own methods (concat, trim, ...) only make strings; getClass is refused above
                    trusted = previous == null || !previous.is("[");
                }
                case PUNCTUATION -> {
                    String p = token.text();
                    if (p.equals("(") || p.equals("[")) {
                        if (p.equals("(") && previous != null && (previous.is(")") || previous.is("]"))) {
                            return "calls the result of an expression, which is not allowed";
                        }
                        outer.push(trusted);
                        trusted = false;
                    } else if (p.equals(")") || p.equals("]")) {
                        boolean wasCall = p.equals(")") && isCallClose(tokens, i);
                        trusted = !outer.isEmpty() && outer.pop() && (wasCall || p.equals("]"));
                        if (p.equals(")") && !wasCall) {
                            trusted = false;
                        }
                    } else if (!p.equals(".")) {
                        trusted = false;
                    }
                }
                default -> trusted = false;
            }
        }
        return null;
    }

    /** Whether the ) at index closes a call, i.e. its ( follows an identifier. */
    private static boolean isCallClose(List<Token> tokens, int index) {
        int depth = 0;
        for (int i = index; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.is(")")) {
                depth++;
            } else if (t.is("(")) {
                depth--;
                if (depth == 0) {
                    return i > 0 && tokens.get(i - 1).kind() == Kind.IDENTIFIER;
                }
            }
        }
        return false;
    }

    private enum Kind { IDENTIFIER, STRING, NUMBER, PUNCTUATION }

    private record Token(Kind kind, String text) {
        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }
    }

    private static List<Token> tokenize(String body) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, body.substring(start, i)));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, body.substring(start, i)));
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < body.length() && body.charAt(i) != c) {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                        i++;
                    }
                    value.append(body.charAt(i++));
                }
                if (i >= body.length()) {
                    throw new IllegalArgumentException("has an unterminated string");
                }
                i++;
                tokens.add(new Token(Kind.STRING, value.toString()));
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static int nextStart(String text, int from) {
        int dollar = text.indexOf("${", from);
        int hash = text.indexOf("#{", from);
        if (dollar < 0) {
            return hash;
        }
        return hash < 0 ? dollar : Math.min(dollar, hash);
    }

    /** The index of the } that closes an expression whose body starts at from, skipping strings; -1 if none. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static String shorten(String expression) {
        return expression.length() <= 80 ? expression : expression.substring(0, 77) + "...";
    }
}
