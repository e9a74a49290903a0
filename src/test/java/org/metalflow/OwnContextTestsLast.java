package org.metalflow;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the test classes that start a Spring context of their own (they declare a {@link DynamicPropertySource}
 * beside {@link IntegrationTest}'s) after every class of the shared context, and keeps the rest in name order.
 *
 * <p>Why: the engine REST API and the Camunda webapps find their engine through Camunda's static registry
 * ({@code ProcessEngines}), by name. Every context's engine is named {@code default}, so once a second context
 * starts, the first context's {@code /engine-rest} answers from the second context's engine and database (a task
 * of the first is then "not found"). Those classes are also {@code @DirtiesContext}, so each such context is
 * closed before the next starts.
 */
public class OwnContextTestsLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        for (ClassDescriptor c : context.getClassDescriptors()) {
            if (startsOwnContext(c.getTestClass()) && !c.isAnnotated(DirtiesContext.class)) {
                throw new IllegalStateException(c.getTestClass().getName() + " starts a Spring context of its own and "
                        + "must be @DirtiesContext(classMode = AFTER_CLASS): see " + OwnContextTestsLast.class.getName());
            }
        }
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor c) -> startsOwnContext(c.getTestClass()))
                .thenComparing(c -> c.getTestClass().getName()));
    }

    static boolean startsOwnContext(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != IntegrationTest.class; c = c.getSuperclass()) {
            if (Arrays.stream(c.getDeclaredMethods()).anyMatch(OwnContextTestsLast::isPropertySource)) {
                return IntegrationTest.class.isAssignableFrom(testClass);
            }
        }
        return false;
    }

    private static boolean isPropertySource(Method method) {
        return method.isAnnotationPresent(DynamicPropertySource.class);
    }
}
