package io.gridkeep.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.springframework.beans.NotWritablePropertyException;
import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.PropertyBatchUpdateException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.CannotLoadBeanClassException;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.beans.factory.xml.XmlBeanDefinitionStoreException;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;

/**
 * Turns an Ignite Spring XML file into an {@link IgniteConfiguration}, with GridKeep's
 * placeholder overrides and errors that name the file, the line and the key.
 *
 * <p>The file is plain Ignite Spring XML. Placeholders ({@code ${gridkeep.client.port:10800}})
 * resolve, in order, from the {@code overrides} given here, system properties and environment
 * variables ({@code GRIDKEEP_CLIENT_PORT}), provided the file declares a
 * {@code PropertySourcesPlaceholderConfigurer} as the shipped ones do.
 *
 * <pre>{@code
 * IgniteConfiguration cfg = NodeConfigLoader.load(Path.of("config/default-config.xml"),
 *     Map.of("gridkeep.client.port", "10900"));
 * Ignite ignite = Ignition.start(cfg);
 * }</pre>
 */
public final class NodeConfigLoader {
    /** Classpath location of the embedded default configuration. */
    public static final String DEFAULT_CONFIG_RESOURCE = "io/gridkeep/node/config/default-config.xml";

    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^']+)'");

    private NodeConfigLoader() {
    }

    /** Loads the configuration in {@code file}. */
    public static IgniteConfiguration load(Path file, Map<String, String> overrides) {
        String shown = ConfigException.display(file);
        if (!Files.exists(file))
            throw new ConfigException("file not found", shown, -1, null, null);
        if (!Files.isReadable(file) || Files.isDirectory(file))
            throw new ConfigException("not a readable file", shown, -1, null, null);
        return load(new FileSystemResource(file), shown, readLines(file), overrides);
    }

    /** Loads the embedded default configuration shipped inside this jar. */
    public static IgniteConfiguration loadDefault(Map<String, String> overrides) {
        URL url = NodeConfigLoader.class.getClassLoader().getResource(DEFAULT_CONFIG_RESOURCE);
        if (url == null)
            throw new ConfigException("embedded default missing from the class path", DEFAULT_CONFIG_RESOURCE, -1, null, null);
        List<String> lines;
        try (InputStream in = url.openStream()) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        catch (IOException e) {
            throw new ConfigException("cannot read: " + e.getMessage(), DEFAULT_CONFIG_RESOURCE, -1, null, e);
        }
        return load(new UrlResource(url), DEFAULT_CONFIG_RESOURCE, lines, overrides);
    }

    private static IgniteConfiguration load(Resource res, String shown, List<String> lines, Map<String, String> overrides) {
        GenericApplicationContext ctx = new GenericApplicationContext();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gridkeep-overrides", Map.copyOf(overrides)));
        try {
            new XmlBeanDefinitionReader(ctx).loadBeanDefinitions(res);
            ctx.refresh();
            Map<String, IgniteConfiguration> cfgs = ctx.getBeansOfType(IgniteConfiguration.class);
            if (cfgs.size() != 1)
                throw new ConfigException("expected exactly one IgniteConfiguration bean, found " + cfgs.size(), shown, -1, null, null);
            // The context is deliberately left open: beans in it may be used by the node for its lifetime.
            return cfgs.values().iterator().next();
        }
        catch (ConfigException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw translate(e, shown, lines);
        }
    }

    private static ConfigException translate(RuntimeException e, String shown, List<String> lines) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XmlBeanDefinitionStoreException x) {
                Throwable cause = x.getCause() == null ? x : x.getCause();
                return new ConfigException("malformed XML: " + cause.getMessage(), shown, x.getLineNumber(), null, e);
            }
            if (t instanceof NotWritablePropertyException nw) {
                String key = nw.getPropertyName();
                return new ConfigException("unknown property '" + key + "' of " + nw.getBeanClass().getSimpleName(),
                    shown, lineOf(lines, "name=\"" + key + "\""), key, e);
            }
            if (t instanceof PropertyBatchUpdateException batch && batch.getPropertyAccessExceptions().length > 0)
                t = batch.getPropertyAccessExceptions()[0];
            if (t instanceof TypeMismatchException tm) {
                String key = tm.getPropertyName();
                String type = tm.getRequiredType() == null ? "the required type" : tm.getRequiredType().getSimpleName();
                return new ConfigException("value '" + tm.getValue() + "' is not a valid " + type,
                    shown, key == null ? -1 : lineOf(lines, "name=\"" + key + "\""), key, e);
            }
            if (t instanceof PropertyAccessException pa) {
                String key = pa.getPropertyName();
                return new ConfigException(rootMessage(pa), shown, lineOf(lines, "name=\"" + key + "\""), key, e);
            }
            if (t instanceof CannotLoadBeanClassException cl) {
                return new ConfigException("class not found: " + cl.getBeanClassName(), shown,
                    lineOf(lines, cl.getBeanClassName()), cl.getBeanName(), e);
            }
            Matcher m = t.getMessage() == null ? null : PLACEHOLDER.matcher(t.getMessage());
            if (m != null && m.find()) {
                String key = m.group(1);
                return new ConfigException("no value for placeholder '${" + key + "}' (set -D" + key + "=... or "
                    + key.toUpperCase().replace('.', '_') + ")", shown, lineOf(lines, "${" + key), key, e);
            }
        }
        String bean = e instanceof BeanCreationException bce ? bce.getBeanName() : null;
        return new ConfigException(rootMessage(e), shown, -1, bean, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** 1-based number of the first line containing {@code needle}, or -1. */
    private static int lineOf(List<String> lines, String needle) {
        if (needle == null)
            return -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle))
                return i + 1;
        }
        return -1;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new ConfigException("cannot read: " + e.getMessage(), ConfigException.display(file), -1, null, e);
        }
    }
}
