#!/usr/bin/env bash
# ansible/tests/run.sh: GridKeep's Ansible roles and playbooks against a real fleet on this machine.
#
#   1. ansible-playbook --syntax-check and ansible-lint --offline --profile production; the systemd
#      unit rendered with the role's defaults passes systemd-analyze verify (hardening keys present)
#   2. three hosts: network namespaces on a bridge (192.0.2.0/24, a documentation range that exists
#      only inside them), each running its own sshd in a private mount and UTS namespace (own
#      hostname, /etc, /run, /opt/gridkeep, /var/lib/gridkeep, /var/log/gridkeep); Ansible runs
#      from a hub namespace over real SSH
#   3. site.yml with TLS and logins off (gridkeep_insecure), a plain client sees 3 servers; then
#      site.yml with the role's secure defaults (TLS on every port, logins), its passwords in an
#      Ansible Vault file, which switches the running fleet over; from outside Ansible: `gridkeep cluster status` over TLS as the admin
#      shows 3 servers, SQL answers, each host's keystore is 0600 and the service user's and the
#      CA's key is on no host, `ss -ltn` on each host shows exactly the node's four ports (and the
#      test's sshd), a canary secret in every node's environment is in no node attribute, /metrics
#      body or log file, the Prometheus configuration lists the 3 nodes and a real Prometheus
#      scrapes them all over HTTPS with the CA; from an "outsider" namespace on the same bridge, a
#      plain-TCP client, a TLS client with no login, a wrong password and plain HTTP are refused
#   4. site.yml again: changed=0 on every host
#   5. 10,000 keys (PARTITIONED, backups=1), rolling-restart.yml while a writer keeps writing,
#      then every key and every acknowledged write is read back
#   6. upgrade.yml to a new version (the same build repacked as VERSION-next) under a writer: every
#      node runs the new release afterwards, and every key and acknowledged write is still there
#   7. tear down: node JVMs and sshds stopped (and waited for), namespaces deleted
#
# Needs root (namespaces, mounts). Keeps its work directory (logs of every node) when it fails.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ansible_dir="$(dirname "$here")"
root="$(dirname "$ansible_dir")"

say() { echo "ansible-test: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "needs root (network namespaces and mounts)"
for c in ip unshare sshd ssh ssh-keygen setpriv ansible-playbook ansible-vault ansible-lint java promtool prometheus python3 systemd-analyze; do
    command -v "$c" >/dev/null 2>&1 || fail "missing command '$c' (Debian: ansible ansible-lint openssh-server openssh-client prometheus openjdk-17-jdk-headless systemd)"
done

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)"
tarball="$root/grid-node/target/gridkeep-$version.tar.gz"
if [[ ! -f "$tarball" ]]; then
    say "building the distribution (mvn package -pl grid-node -am)"
    (cd "$root" && mvn -B -q -DskipTests -pl grid-node -am package >&2)
fi

start_time=$(date +%s)
say "syntax check and lint"
(cd "$ansible_dir" && ansible-playbook -i inventory/example/hosts.yml --syntax-check site.yml rolling-restart.yml upgrade.yml >/dev/null) \
    || fail "ansible-playbook --syntax-check"
(cd "$ansible_dir" && ansible-lint --offline -p --profile production) || fail "ansible-lint --offline --profile production"
python3 "$here/vars_table.py" --check "$root/docs/ansible.md" || fail "variables table of docs/ansible.md"
unit_dir="$(mktemp -d /tmp/gridkeep-unit.XXXXXX)"
/usr/bin/python3 "$here/unit_check.py" "$ansible_dir/roles/gridkeep_node" "$unit_dir" >&2 || fail "the systemd unit (rendered in $unit_dir)"
rm -rf "$unit_dir"

id="gk$$"
hub="$id-hub"
outsider="$id-out"
hosts=(h1 h2 h3)
work="$(mktemp -d /tmp/gridkeep-fleet.XXXXXX)"
made_dirs=()
ok=0

teardown() {
    local rc=$?
    set +e
    say "tearing down"
    # Every process in our namespaces is ours: sshd, the node JVMs it started, a writer.
    for ns in "${hosts[@]/#/$id-}" "$hub" "$outsider"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -TERM 2>/dev/null
    done
    for _ in $(seq 1 300); do
        left=0
        for ns in "${hosts[@]/#/$id-}" "$hub" "$outsider"; do
            [[ -n "$(ip netns pids "$ns" 2>/dev/null)" ]] && left=1
        done
        ((left)) || break
        sleep 0.2
    done
    for ns in "${hosts[@]/#/$id-}" "$hub" "$outsider"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
    done
    sleep 0.5
    for ns in "${hosts[@]/#/$id-}" "$hub" "$outsider"; do
        ip netns del "$ns" 2>/dev/null
    done
    for d in "${made_dirs[@]}"; do rmdir "$d" 2>/dev/null; done
    if ((ok)); then
        rm -rf "$work"
    else
        say "work directory kept for its logs: $work"
    fi
    exit "$rc"
}
trap teardown EXIT

in_hub() { ip netns exec "$hub" "$@"; }
in_outsider() { ip netns exec "$outsider" "$@"; }

say "bringing up 3 hosts"
ssh-keygen -q -t ed25519 -N "" -f "$work/id_ed25519"
ssh-keygen -q -t ed25519 -N "" -f "$work/host_key"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
for d in /opt/gridkeep /var/lib/gridkeep /var/log/gridkeep; do
    # Mount points only: each host mounts its own directory there, in its own mount namespace.
    if [[ ! -e "$d" ]]; then mkdir -p "$d" && made_dirs+=("$d"); fi
done
ip netns add "$hub"
in_hub ip link set lo up
in_hub ip link add br0 type bridge
in_hub ip addr add 192.0.2.1/24 dev br0
in_hub ip link set br0 up
n=0
for h in "${hosts[@]}"; do
    n=$((n + 1))
    ns="$id-$h"
    addr="192.0.2.1$n"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$hub" link add "v$h" type veth peer name eth0 netns "$ns"
    ip -n "$hub" link set "v$h" master br0 up
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    mkdir -p "$work/$h/opt" "$work/$h/lib" "$work/$h/log"
    cp -a /etc "$work/$h/etc"
    cat > "$work/$h/sshd_config" <<CFG
ListenAddress $addr
Port 22
HostKey $work/host_key
PidFile /run/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
CFG
    ip netns exec "$ns" unshare --mount --uts --propagation private -- bash -c "
        hostname $h
        mount --bind $work/$h/etc /etc
        mount -t tmpfs tmpfs /run && mkdir -p /run/sshd
        mount --bind $work/$h/opt /opt/gridkeep
        mount --bind $work/$h/lib /var/lib/gridkeep
        mount --bind $work/$h/log /var/log/gridkeep
        exec /usr/sbin/sshd -D -e -f $work/$h/sshd_config" >"$work/$h/sshd.log" 2>&1 &
done
# The outsider: a machine on the fleet's network that is no part of it (no certificate, no user).
ip netns add "$outsider"
ip -n "$outsider" link set lo up
ip -n "$hub" link add vout type veth peer name eth0 netns "$outsider"
ip -n "$hub" link set vout master br0 up
ip -n "$outsider" addr add 192.0.2.99/24 dev eth0
ip -n "$outsider" link set eth0 up
for n in 1 2 3; do
    for _ in $(seq 1 50); do
        in_hub bash -c "echo > /dev/tcp/192.0.2.1$n/22" 2>/dev/null && break
        sleep 0.1
    done
    in_hub bash -c "echo > /dev/tcp/192.0.2.1$n/22" 2>/dev/null || fail "sshd of h$n does not answer (see $work/h$n/sshd.log)"
done

# A secret each node's environment holds and no client, scrape or log may ever show.
canary="canary-$id-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
pw() { echo "$1-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"; }
inv="$work/inventory"
mkdir -p "$inv/group_vars/gridkeep"
cat > "$inv/hosts.yml" <<INV
all:
  vars:
    ansible_user: root
    ansible_ssh_private_key_file: $work/id_ed25519
    ansible_ssh_common_args: "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
    ansible_python_interpreter: /usr/bin/python3
  children:
    gridkeep:
      hosts:
        h1: {ansible_host: 192.0.2.11}
        h2: {ansible_host: 192.0.2.12}
        h3: {ansible_host: 192.0.2.13}
      vars:
        gridkeep_version: "$version"
        gridkeep_dist_tarball: $tarball
        gridkeep_heap: 384m
        # Test JVMs stop at C1: half the CPU per node start on this 2-core machine (see TestJvmOptions).
        gridkeep_jvm_opts: "-XX:TieredStopAtLevel=1"
        gridkeep_memory_max_bytes: 268435456
        gridkeep_failure_detection_timeout_ms: 5000
    prometheus:
      hosts:
        h1: {ansible_host: 192.0.2.11}
INV
# Every password comes from Ansible Vault, as docs/ansible.md tells users to keep them.
truststore_password="$(pw ts)"
admin_password="$(pw admin)"
cat > "$inv/group_vars/gridkeep/vault.yml" <<VAULT
gridkeep_tls_ca_password: "$(pw ca)"
gridkeep_tls_keystore_password: "$canary-keystore"
gridkeep_tls_truststore_password: "$truststore_password"
gridkeep_admin_password: "$admin_password"
gridkeep_elasticsearch_password: "$canary"
VAULT
pw vault > "$work/vault-password"
ansible-vault encrypt --vault-password-file "$work/vault-password" "$inv/group_vars/gridkeep/vault.yml" >/dev/null
grep -q -- "$canary" "$inv/group_vars/gridkeep/vault.yml" && fail "ansible-vault left the canary readable in vault.yml"
ca="$inv/gridkeep-ca"

playbook() {
    local name=$1 log="$work/$1-$2.log"
    shift 2
    say "ansible-playbook $name $*"
    if ! in_hub env ANSIBLE_CONFIG="$ansible_dir/ansible.cfg" ANSIBLE_FORCE_COLOR=0 \
        ansible-playbook -i "$inv" --vault-password-file "$work/vault-password" "$ansible_dir/$name" "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        fail "$name (log: $log)"
    fi
    sed -n '/PLAY RECAP/,$p' "$log" >&2
}

dist="$work/dist"
mkdir -p "$dist" && tar xzf "$tarball" -C "$dist" --strip-components=1
# The operator's client: the CA's trust store and the admin's login, from the environment as the CLI reads them.
client_env=(GRIDKEEP_TLS_TRUSTSTORE="$ca/truststore.p12" GRIDKEEP_TRUSTSTORE_PASSWORD="$truststore_password"
    GRIDKEEP_USER=admin GRIDKEEP_PASSWORD="$admin_password")
gk() { in_hub env GRIDKEEP_JAVA_OPTS=-XX:TieredStopAtLevel=1 "${client_env[@]}" "$dist/bin/gridkeep" "$@"; }

# First a fleet as it was before security was on by default (and as gridkeep_insecure still allows),
# then the documented path to TLS and logins for a running fleet: site.yml, which restarts every node together.
t0=$(date +%s)
playbook site.yml insecure -e '{"gridkeep_tls": false, "gridkeep_auth": false, "gridkeep_insecure": true}'
say "site.yml with TLS and logins off (gridkeep_insecure) took $(( $(date +%s) - t0 )) s"
status="$(in_hub env GRIDKEEP_JAVA_OPTS=-XX:TieredStopAtLevel=1 "$dist/bin/gridkeep" cluster status --host 192.0.2.12:10800)"
grep -Eq '^servers +3$' <<<"$status" || fail "the insecure fleet does not show 3 servers to a plain client: $status"
say "insecure fleet: a plain client without a login sees 3 servers"
t0=$(date +%s)
playbook site.yml first
say "site.yml turning TLS and logins on for the running fleet took $(( $(date +%s) - t0 )) s"

say "checking the cluster from outside Ansible"
status="$(gk cluster status --host 192.0.2.12:10800)"
echo "$status" >&2
grep -Eq '^servers +3$' <<<"$status" || fail "cluster status does not show 3 servers"
gk sql --host 192.0.2.13:10800 -e "CREATE TABLE fleet_check (id INT PRIMARY KEY, host VARCHAR)" >/dev/null
gk sql --host 192.0.2.11:10800 -e "INSERT INTO fleet_check (id, host) VALUES (1, 'h1'), (2, 'h2'), (3, 'h3')" >/dev/null
sql="$(gk sql --host 192.0.2.12:10800 --format csv -e "SELECT COUNT(*) AS N FROM fleet_check")"
[[ "$sql" == $'N\n3' ]] || fail "SQL through h2 answered '$sql', expected N=3"
say "SQL: 3 rows written through h1, counted through h2"

say "checking the keystores"
for n in 1 2 3; do
    uid="$(awk -F: '$1 == "gridkeep" {print $3}' "$work/h$n/etc/passwd")"
    ks="$(stat -c '%a %u' "$work/h$n/etc/gridkeep/tls/node.p12")"
    [[ "$ks" == "600 $uid" ]] || fail "h$n: node.p12 has mode and owner '$ks', expected '600 $uid' (the service user gridkeep)"
    grep -q -- "--tls-keystore /etc/gridkeep/tls/node.p12 --tls-truststore /etc/gridkeep/tls/truststore.p12 --auth" \
        "$work/h$n/opt/gridkeepctl" || fail "h$n: the node does not start with TLS and --auth"
done
cas=$( (find "$work"/h?/etc "$work"/h?/opt -name ca.p12 2>/dev/null || true) | wc -l)
(( cas == 0 )) || fail "the CA's key (ca.p12) is on a host"
say "keystores: 0600, owned by the service user on each host; the CA's key on none ($cas)"

say "checking the ports each host listens on"
for n in 1 2 3; do
    # sshd's 22 is the test's own; every other port is the node's, and exactly the configured four.
    ports="$(ip netns exec "$id-h$n" ss -ltnH | awk '{n = split($4, a, ":"); print a[n]}' | sort -n -u | tr '\n' ' ')"
    say "h$n listens on: $ports"
    [[ "$ports" == "22 9464 10800 47100 47500 " ]] || fail "h$n listens on '$ports', expected 22 (sshd) 9464 10800 47100 47500"
done

say "checking that the canary secret in each node's environment reaches no client, scrape or log"
writer=(env "${client_env[@]}" java -XX:TieredStopAtLevel=1 @"$dist/config/java17-add-opens.args" -cp "$dist/lib/*" "$here/FleetWriter.java")
addrs=192.0.2.11:10800,192.0.2.12:10800,192.0.2.13:10800
for n in 1 2 3; do
    grep -q "$canary" "$work/h$n/etc/gridkeep/gridkeep.env" || fail "the canary is not in h$n's gridkeep.env: this check would prove nothing"
    node_pid=""
    for pid in $(ip netns pids "$id-h$n"); do
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "GridKeepCli node start"; then node_pid=$pid; fi
    done
    [[ -n "$node_pid" ]] || fail "no node process found on h$n"
    tr '\0' '\n' <"/proc/$node_pid/environ" | grep -q "$canary" || fail "the node JVM of h$n does not hold the canary: this check would prove nothing"
done
in_hub "${writer[@]}" attributes "$addrs" >"$work/attributes.txt" || fail "reading node attributes"
attrs=$(wc -l <"$work/attributes.txt")
leaks=$(grep -c -- "$canary" "$work/attributes.txt" || true)
for n in 1 2 3; do
    in_hub python3 -c "import ssl, urllib.request; ctx = ssl.create_default_context(cafile='$ca/ca.pem'); \
print(urllib.request.urlopen('https://192.0.2.1$n:9464/metrics', timeout=5, context=ctx).read().decode())" \
        >"$work/metrics-h$n.txt" || fail "scraping h$n"
done
metric_leaks=$(cat "$work"/metrics-h?.txt | grep -c -- "$canary" || true)
log_leaks=$( (grep -rl -- "$canary" "$work"/h?/log 2>/dev/null || true) | wc -l)
say "canary: in 3 environments; in $leaks of $attrs node attribute lines, $metric_leaks lines of 3 /metrics bodies, $log_leaks log files"
(( leaks == 0 && metric_leaks == 0 && log_leaks == 0 )) || fail "the canary secret leaked (see $work/attributes.txt, metrics-h?.txt, h?/log)"

say "checking the Prometheus configuration with a real Prometheus"
promcfg="$work/h1/etc/prometheus/prometheus.yml"
[[ -f "$promcfg" ]] || fail "no Prometheus configuration on h1"
for n in 1 2 3; do grep -q "192.0.2.1$n:9464" "$promcfg" || fail "192.0.2.1$n:9464 missing from $promcfg"; done
grep -q '^    scheme: https$' "$promcfg" || fail "$promcfg does not scrape over HTTPS"
sed -e "s#/etc/prometheus/gridkeep-alerts.yml#$work/h1/etc/prometheus/gridkeep-alerts.yml#" \
    -e "s#/etc/prometheus/gridkeep-ca.pem#$work/h1/etc/prometheus/gridkeep-ca.pem#" "$promcfg" > "$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null || fail "promtool check config"
in_hub prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom-data" \
    --web.listen-address=192.0.2.1:9090 >"$work/prometheus.log" 2>&1 &
up=0
for _ in $(seq 1 60); do
    up="$(in_hub python3 - <<'PY' 2>/dev/null || echo 0
import json, urllib.request
d = json.load(urllib.request.urlopen("http://192.0.2.1:9090/api/v1/targets?state=active", timeout=2))
print(sum(1 for t in d["data"]["activeTargets"] if t["health"] == "up" and t["labels"]["job"] == "gridkeep"))
PY
)"
    [[ "$up" == 3 ]] && break
    sleep 1
done
[[ "$up" == 3 ]] || fail "Prometheus sees $up of 3 gridkeep targets up (log: $work/prometheus.log)"
say "Prometheus scrapes all 3 nodes over HTTPS"

say "checking that an outsider on the fleet's network is refused"
outsider_gk() { in_outsider env GRIDKEEP_JAVA_OPTS=-XX:TieredStopAtLevel=1 "$@" "$dist/bin/gridkeep" cluster status --host 192.0.2.11:10800; }
refused() {
    local what=$1 expect=$2 out
    shift 2
    if out="$("$@" 2>&1)"; then fail "$what: was let in: $out"; fi
    grep -q -- "$expect" <<<"$out" || fail "$what: refused, but not with '$expect': $out"
    say "outsider, $what: refused: $(tail -n 1 <<<"$out")"
}
refused "plain TCP" "if it has TLS on, pass --tls-truststore" outsider_gk
refused "TLS, no certificate, no login" "authentication required" \
    outsider_gk GRIDKEEP_TLS_TRUSTSTORE="$ca/truststore.p12" GRIDKEEP_TRUSTSTORE_PASSWORD="$truststore_password"
refused "TLS, wrong password" "wrong user name or password" \
    outsider_gk GRIDKEEP_TLS_TRUSTSTORE="$ca/truststore.p12" GRIDKEEP_TRUSTSTORE_PASSWORD="$truststore_password" \
    GRIDKEEP_USER=admin GRIDKEEP_PASSWORD="not-$admin_password"
refused "plain HTTP to /metrics" "Connection reset\\|RemoteDisconnected\\|BadStatusLine" in_outsider python3 -c \
    "import urllib.request; urllib.request.urlopen('http://192.0.2.11:9464/metrics', timeout=5)"
marker="/tmp/gridkeep-intruder-$id"
rc=0
in_outsider "${writer[@]}" intrude 192.0.2.11:47500 192.0.2.99 "$marker" >"$work/intruder.log" 2>&1 || rc=$?
[[ $rc -eq 3 ]] || { tail -n 20 "$work/intruder.log" >&2; fail "a thick node without the cluster's certificate: exit $rc, expected 3 (refused)"; }
[[ ! -e "$marker" ]] || fail "the intruder's closure wrote $marker"
say "outsider, thick node without a certificate: $(grep 'intruder refused' "$work/intruder.log"); its closure never ran (no $marker)"

playbook site.yml second
recap="$(sed -n '/PLAY RECAP/,$p' "$work/site.yml-second.log")"
if grep -Eq 'changed=[1-9]' <<<"$recap"; then fail "the second site.yml run changed something"; fi
say "second site.yml run: changed=0 on every host"

say "writing 10,000 keys, then rolling restart under a writer"
in_hub "${writer[@]}" fill "$addrs" 10000 >&2
in_hub "${writer[@]}" keep-writing "$addrs" "$work/acks" "$work/stop" >"$work/writer.log" 2>&1 &
writer_pid=$!
sleep 3
t0=$(date +%s)
playbook rolling-restart.yml run
say "rolling-restart.yml took $(( $(date +%s) - t0 )) s"
touch "$work/stop"
wait "$writer_pid" || fail "the writer failed (log: $work/writer.log)"
cat "$work/writer.log" >&2
in_hub "${writer[@]}" verify "$addrs" 10000 "$work/acks" >&2 || fail "acknowledged writes were lost"
status="$(gk cluster status --host 192.0.2.11:10800)"
grep -Eq '^servers +3$' <<<"$status" || fail "after the rolling restart the cluster does not show 3 servers"

say "upgrading to $version-next under a writer"
mkdir -p "$work/next"
tar xzf "$tarball" -C "$work/next"
mv "$work/next/gridkeep-$version" "$work/next/gridkeep-$version-next"
tar czf "$work/gridkeep-$version-next.tar.gz" -C "$work/next" "gridkeep-$version-next"
rm -f "$work/stop"
in_hub "${writer[@]}" keep-writing "$addrs" "$work/acks-upgrade" "$work/stop" >"$work/writer-upgrade.log" 2>&1 &
writer_pid=$!
sleep 3
t0=$(date +%s)
playbook upgrade.yml run -e "gridkeep_version=$version-next" -e "gridkeep_dist_tarball=$work/gridkeep-$version-next.tar.gz"
say "upgrade.yml took $(( $(date +%s) - t0 )) s"
touch "$work/stop"
wait "$writer_pid" || fail "the writer failed during the upgrade (log: $work/writer-upgrade.log)"
cat "$work/writer-upgrade.log" >&2
cat "$work/acks" "$work/acks-upgrade" > "$work/acks-all"
in_hub "${writer[@]}" verify "$addrs" 10000 "$work/acks-all" >&2 || fail "acknowledged writes were lost in the upgrade"
for h in "${hosts[@]}"; do
    link="$(readlink "$work/$h/opt/current")"
    [[ "$link" == */releases/gridkeep-$version-next ]] || fail "$h: current points at '$link' after the upgrade"
    running=0
    for pid in $(ip netns pids "$id-$h"); do
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "gridkeep.home=/opt/gridkeep/releases/gridkeep-$version-next "; then
            running=1
        fi
    done
    ((running)) || fail "$h: no node process runs from the new release"
done
say "every node runs gridkeep-$version-next"

ok=1
say "passed in $(( $(date +%s) - start_time )) s"
