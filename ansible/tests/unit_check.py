"""Renders the role's systemd unit with the role's defaults and has systemd check it.

systemd-analyze verify reads the unit as systemd would (unknown keys, bad values); its
ExecStart and EnvironmentFile point at paths that exist only on a fleet host, so those two
lines are swapped for harmless ones first. Prints systemd's exposure score of the unit.
Usage: python3 unit_check.py ROLE_DIR WORK_DIR
"""
import os
import re
import subprocess
import sys

import jinja2
import yaml

role, work = sys.argv[1], sys.argv[2]
with open(os.path.join(role, "defaults", "main.yml")) as f:
    defaults = yaml.safe_load(f)
values = {k: v for k, v in defaults.items() if not (isinstance(v, str) and "{{" in v)}
values.update(ansible_managed="rendered by unit_check.py", gridkeep_consistent_id="h1", gridkeep_user="root",
              gridkeep_group="root", _gridkeep_start_args=["node", "start"])
with open(os.path.join(role, "templates", "gridkeep.service.j2")) as f:
    unit = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(f.read()).render(values)
for key in ("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ReadWritePaths="):
    if not re.search("^" + re.escape(key), unit, re.M):
        sys.exit("unit_check: the unit lacks " + key)
if not re.search("^CapabilityBoundingSet=$", unit, re.M):
    sys.exit("unit_check: the unit does not empty CapabilityBoundingSet")
unit = re.sub("^ExecStart=.*$", "ExecStart=/bin/true", unit, flags=re.M)
unit = re.sub("^EnvironmentFile=.*$", "EnvironmentFile=-/nonexistent", unit, flags=re.M)
path = os.path.join(work, "gridkeep.service")
with open(path, "w") as f:
    f.write(unit)
verify = subprocess.run(["systemd-analyze", "verify", "--man=no", path], capture_output=True, text=True)
if verify.returncode != 0 or verify.stderr.strip():
    sys.exit("unit_check: systemd-analyze verify: " + (verify.stderr.strip() or "exit %d" % verify.returncode))
security = subprocess.run(["systemd-analyze", "security", "--offline=yes", path], capture_output=True, text=True)
score = [l for l in security.stdout.splitlines() if "Overall exposure level" in l]
print("unit_check: systemd-analyze verify passed; " + (score[0].strip("→ ").strip() if score else "no exposure score"))
