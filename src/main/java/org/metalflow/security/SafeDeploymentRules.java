package org.metalflow.security;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a deployment by someone who is not an admin may contain: BPMN models and Camunda Forms only, and BPMN
 * that runs no code of its own choosing. Refused in BPMN: script tasks, {@code camunda:script} (listeners,
 * input/output parameters), conditions with a script {@code language}, {@code camunda:class} and
 * {@code camunda:expression} (on tasks and listeners alike), variable-mapping classes and delegates,
 * {@code camunda:connector}, a {@code delegateExpression} other than {@code ${bean}} of an allow-listed
 * platform bean, and any expression that {@link SafeExpressions} refuses. The whole document is walked, so
 * an expression is checked wherever it stands (conditions, timers, input/output, form fields, names).
 */
final class SafeDeploymentRules {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /** Camunda's extension namespace and the older one the engine still reads. */
    static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");

    private static final Set<String> CODE_ATTRIBUTES = Set.of("class", "expression", "variableMappingClass",
            "variableMappingDelegateExpression", "resource");

    private final SafeExpressions expressions;

    SafeDeploymentRules(SafeExpressions expressions) {
        this.expressions = expressions;
    }

    /** The reasons one resource of a deployment is refused; empty when it is acceptable. */
    List<String> problems(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".form")) {
            return List.of();
        }
        if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
            return List.of(resourceName + ": only BPMN models (.bpmn) and Camunda Forms (.form) may be deployed "
                    + "by non-admins");
        }
        try {
            return bpmnProblems(resourceName, content);
        } catch (XMLStreamException e) {
            return List.of(resourceName + ": not readable as XML: " + e.getMessage());
        }
    }

    private List<String> bpmnProblems(String resource, byte[] content) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
        List<String> problems = new ArrayList<>();
        OpenElements elements = new OpenElements();
        StringBuilder text = new StringBuilder();
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    checkText(resource, elements.where(), text, problems);
                    elements.push(xml.getLocalName(), xml.getAttributeValue(null, "id"));
                    checkElement(resource, xml, elements.where(), problems);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    checkText(resource, elements.where(), text, problems);
                    elements.pop();
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(xml.getText());
                }
            }
        } finally {
            xml.close();
        }
        return problems;
    }

    private void checkElement(String resource, XMLStreamReader xml, String where, List<String> problems) {
        String namespace = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
        String local = xml.getLocalName();
        boolean camundaElement = CAMUNDA.contains(namespace);
        if (BPMN.equals(namespace) && local.equals("scriptTask")) {
            problems.add(resource + ": " + where + " is a script task");
        }
        if (camundaElement && local.equals("script")) {
            problems.add(resource + ": " + where + " runs a script");
        }
        if (camundaElement && local.equals("connector")) {
            problems.add(resource + ": " + where + " uses a connector");
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String attributeNamespace = xml.getAttributeNamespace(i) == null ? "" : xml.getAttributeNamespace(i);
            String attribute = xml.getAttributeLocalName(i);
            String value = xml.getAttributeValue(i);
            // Camunda's attributes are namespaced on BPMN elements and plain on its own extension elements
            boolean camundaAttribute = CAMUNDA.contains(attributeNamespace)
                    || (camundaElement && attributeNamespace.isEmpty());
            if (camundaAttribute && CODE_ATTRIBUTES.contains(attribute)) {
                problems.add(resource + ": " + where + " runs Java code (" + attribute + "=\"" + value + "\")");
            } else if (camundaAttribute && attribute.equals("delegateExpression")) {
                if (!expressions.isAllowedDelegate(value)) {
                    problems.add(resource + ": " + where + " has the delegate " + value + "; delegates must be one "
                            + "of the platform beans " + expressions.allowedBeans() + " written as ${name}");
                }
            } else if (attributeNamespace.isEmpty() && attribute.equals("language") && !camundaElement) {
                problems.add(resource + ": " + where + " has a script in the language " + value);
            } else {
                for (String problem : expressions.problemsIn(value)) {
                    problems.add(resource + ": " + where + " " + problem);
                }
            }
        }
    }

    private void checkText(String resource, String where, StringBuilder text, List<String> problems) {
        if (!text.isEmpty()) {
            for (String problem : expressions.problemsIn(text.toString())) {
                problems.add(resource + ": " + where + " " + problem);
            }
            text.setLength(0);
        }
    }

    /** The open elements, to say where a problem is: the nearest element with an id. */
    private static final class OpenElements {
        private final java.util.ArrayDeque<String> where = new java.util.ArrayDeque<>();

        void push(String element, String id) {
            where.push(id != null ? "element '" + id + "'" : where.isEmpty() ? element : where.peek());
        }

        void pop() {
            where.poll();
        }

        String where() {
            return where.isEmpty() ? "the document" : where.peek();
        }
    }
}
