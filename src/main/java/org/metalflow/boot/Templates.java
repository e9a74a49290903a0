package org.metalflow.boot;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Mustache templates for iPXE scripts and install files, looked up by file name in
 * {@code metalflow.boot.templates} (first location that has the file wins). Rendering is strict: a variable
 * the model lacks is an error, not an empty string, so a broken template fails loudly instead of installing a
 * half-configured machine. Values are not escaped: the platform validates every value it puts in the model
 * (host names, addresses), and the files are shell-like text, not HTML.
 */
@Component
class Templates {

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(false)
            .emptyStringIsFalse(true);
    private final ResourceLoader loader = new DefaultResourceLoader();
    private final BootProperties properties;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    Templates(BootProperties properties) {
        this.properties = properties;
    }

    String render(String name, Map<String, Object> model) {
        try {
            return cache.computeIfAbsent(name, this::compile).execute(model);
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + name + " cannot be rendered: " + e.getMessage(), e);
        }
    }

    /** A template compiled from a string (the OS catalog's kernel command lines). */
    String renderInline(String template, Map<String, Object> model) {
        return compiler.compile(template).execute(model);
    }

    private Template compile(String name) {
        if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("bad template name " + name);
        }
        for (String location : properties.templates()) {
            Resource resource = loader.getResource(location.endsWith("/") ? location + name : location + "/" + name);
            if (resource.exists()) {
                try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    return compiler.compile(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read template " + resource.getDescription(), e);
                }
            }
        }
        throw new IllegalStateException("no template " + name + " in " + properties.templates());
    }
}
