package io.gridkeep.node.cli;

import org.apache.ignite.internal.IgniteVersionUtils;
import picocli.CommandLine;

/** Reports GridKeep's and Ignite's versions for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String own = GridKeepCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "gridkeep " + (own == null ? "(development build)" : own),
            "Apache Ignite " + IgniteVersionUtils.VER_STR,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
