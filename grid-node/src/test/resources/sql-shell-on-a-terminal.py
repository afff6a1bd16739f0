"""Drives `gridkeep sql` on a pseudo-terminal, as a user at a keyboard would (SqlShellIT runs it):
a statement that runs for long, Ctrl-C while it runs, a statement after it, the Up arrow to run that
one again, then Ctrl-C at the prompt on a half-typed line, and quit. Prints the session as the
terminal showed it, then a line `cancel-took-ms N`, then `exit N`.

Usage: /usr/bin/python3 sql-shell-on-a-terminal.py GRIDKEEP_SCRIPT ARGS...
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
# A real terminal has a size; without one the line editor cannot lay out its prompt.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
shown = b""


def read_until(token, timeout, mark=0):
    """Reads until `token` appears in what the terminal showed after position `mark`."""
    global shown
    end = time.time() + timeout
    while token.encode() not in shown[mark:]:
        left = end - time.time()
        if left <= 0:
            print(shown.decode(errors="replace"))
            sys.exit("sql-shell: no %r within %d s" % (token, timeout))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:
                print(shown.decode(errors="replace"))
                sys.exit("sql-shell: the shell ended before %r" % token)
            shown += data


read_until("gridkeep> ", 60)
mark = len(shown)
os.write(fd, b"SELECT COUNT(*) FROM TABLE(SYSTEM_RANGE(1, 400000000));\r")
time.sleep(2)
t0 = time.time()
os.write(fd, b"\x03")
read_until("gridkeep: sql: ", 60, mark)
cancel_ms = int((time.time() - t0) * 1000)
read_until("gridkeep> ", 30, mark)
mark = len(shown)
os.write(fd, b"SELECT 40 + 2 AS X;\r")
read_until("| 42 |", 30, mark)
read_until("gridkeep> ", 30, mark)
mark = len(shown)
# The Up arrow brings back the last statement, Enter runs it again. The line editor switched the terminal
# to application cursor keys (ESC [ ? 1 h), in which a terminal sends the Up arrow as ESC O A.
os.write(fd, b"\x1bOA\r")
read_until("| 42 |", 30, mark)
read_until("gridkeep> ", 30, mark)
os.write(fd, b"SELECT 'half-typed'\x03")
time.sleep(1)
os.write(fd, b"quit\r")
_, status = os.waitpid(pid, 0)
try:
    while True:
        data = os.read(fd, 4096)
        if not data:
            break
        shown += data
except OSError:
    pass
print(shown.decode(errors="replace"))
print("cancel-took-ms %d" % cancel_ms)
print("exit %d" % os.waitstatus_to_exitcode(status))
