#!/usr/bin/env bash
# Apache Ignite's control utility (control.sh), shipped for what `gridkeep` has no command for yet:
# baseline changes, idle_verify, snapshots, lost-partition resets. It connects to a node's thin-client
# port (default 127.0.0.1:10800), as the CLI does:
#
#   bin/control.sh --state
#   bin/control.sh --host 10.0.0.11 --port 10800 --baseline
#   bin/control.sh --cache idle_verify
#   bin/control.sh --cache reset_lost_partitions SQL_PUBLIC_CITY
#
# For a node with authentication add --user NAME --password PW; with TLS --truststore FILE
# --truststore-password PW (and --keystore for client certificates). Its own --help lists the rest.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
_GRIDKEEP_MAIN=org.apache.ignite.internal.commandline.CommandHandler exec "$here/gridkeep" "$@"
