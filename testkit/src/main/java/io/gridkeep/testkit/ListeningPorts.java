package io.gridkeep.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP ports a process listens on, as {@code ss -ltnp} shows them: what a node really opened,
 * rather than what its configuration says.
 *
 * <pre>{@code
 * assertThat(ListeningPorts.of(node.pid())).containsExactlyInAnyOrder(10800, 47500, 47100, 9464);
 * }</pre>
 */
public final class ListeningPorts {
    /** {@code LISTEN 0 50 127.0.0.1:10800 0.0.0.0:* users:(("java",pid=123,fd=45))}: the local port, then the pids. */
    private static final Pattern LINE = Pattern.compile("\\S+\\s+\\d+\\s+\\d+\\s+\\S*:(\\d+)\\s+\\S+\\s+users:\\((.*)\\)");

    private ListeningPorts() {
    }

    /** The ports process {@code pid} listens on (IPv4 and IPv6 alike). */
    public static Set<Integer> of(long pid) {
        CommandResult r = CommandResult.run(List.of("ss", "-ltnpH"), Map.of(), null, null, Duration.ofSeconds(30));
        if (r.exitCode() != 0)
            throw new IllegalStateException("ss -ltnpH failed: " + r);
        Set<Integer> ports = new TreeSet<>();
        for (String line : r.stdout().lines().toList()) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && m.group(2).contains("pid=" + pid + ","))
                ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }
}
