#!/bin/sh
# Runs a test against a real Secret Service that is its own: a private D-Bus session bus (dbus-run-session) with
# gnome-keyring-daemon on it, its login keyring created unlocked with a throwaway password in a temporary HOME and
# XDG folders. The user's own bus and keyring are never reached. When the test exits, dbus-run-session ends the
# bus, gnome-keyring-daemon leaves with it, and the temporary folders are removed.
#   with-private-keyring.sh TEST [ARGS...]
set -eu

root=$(mktemp -d "${TMPDIR:-/tmp}/rolldeck-keyring.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/home" "$root/data" "$root/config" "$root/cache" "$root/runtime"
chmod 700 "$root/runtime"

export HOME="$root/home"
export XDG_DATA_HOME="$root/data"
export XDG_CONFIG_HOME="$root/config"
export XDG_CACHE_HOME="$root/cache"
export XDG_RUNTIME_DIR="$root/runtime"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
# The test checks this before it touches a keychain, so a direct run cannot reach the user's keyring.
export ROLLDECK_TEST_PRIVATE_KEYRING="$root"

status=0
dbus-run-session -- sh -c '
    # --unlock reads the password from stdin and creates the login keyring (the default collection) with it;
    # the daemon forks once it is on the bus.
    printf "%s" "throwaway-$$" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 70
    exec "$@"' rolldeck-test "$@" || status=$?
exit "$status"
