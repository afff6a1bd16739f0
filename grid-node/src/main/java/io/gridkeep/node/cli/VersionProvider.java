package io.gridkeep.node.cli;

import org.apache.ignite.Ignite;
import picocli.CommandLine;

/** Reports GridKeep's and Ignite's versions for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String own = GridKeepCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "gridkeep " + (own == null ? "(development build)" : own),
            "Apache Ignite " + igniteVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    /** Ignite's version as its jar's manifest states it ({@code 2.17.0}); no node needed. */
    static String igniteVersion() {
        String v = Ignite.class.getPackage().getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }
}
