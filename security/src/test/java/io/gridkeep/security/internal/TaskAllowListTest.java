package io.gridkeep.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskAllowListTest {
    private final TaskAllowList tasks = TaskAllowList.withBuiltIns(List.of("com.acme.Report", "com.acme.jobs.*"), List.of("com.acme.Peek"));

    @Test
    void adminsRunTheBuiltInsAndTheConfiguredTasks() {
        assertThat(tasks.allows(Grant.ADMIN, "io.gridkeep.store.export.ExportTask")).isTrue();
        assertThat(tasks.allows(Grant.ADMIN, "io.gridkeep.compute.tasks.TopKTask")).isTrue();
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.Report")).isTrue();
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.Peek")).isTrue();
    }

    @Test
    void aPackageEntryCoversItsClassesButNotItsSubPackages() {
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.jobs.Nightly")).isTrue();
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.jobs.Nightly$Inner")).isTrue();
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.jobs.evil.Payload")).isFalse();
        assertThat(tasks.allows(Grant.ADMIN, "com.acme.jobsx.Payload")).isFalse();
    }

    @Test
    void readonlyUsersRunOnlyTheReadOnlyTasks() {
        assertThat(tasks.allows(Grant.READONLY, "io.gridkeep.compute.tasks.AggregateTask")).isTrue();
        assertThat(tasks.allows(Grant.READONLY, "com.acme.Peek")).isTrue();
        assertThat(tasks.allows(Grant.READONLY, "io.gridkeep.store.export.ExportTask")).isFalse();
        assertThat(tasks.allows(Grant.READONLY, "com.acme.Report")).isFalse();
    }

    @Test
    void anythingElseIsRefusedAndNodesRunEverything() {
        assertThat(tasks.allows(Grant.ADMIN, "org.apache.ignite.SomeTask")).isFalse();
        assertThat(tasks.allows(Grant.ADMIN, null)).isFalse();
        assertThat(tasks.allows(Grant.NONE, "io.gridkeep.compute.tasks.TopKTask")).isFalse();
        assertThat(tasks.allows(Grant.NODE, "org.apache.ignite.SomeTask")).isTrue();
    }
}
