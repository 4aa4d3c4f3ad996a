#!/bin/sh
# /usr/bin/rectdesk: start RectDesk from its bundle in /opt/rectdesk. The path is found relative
# to this script, so a copy unpacked with `dpkg -x` into a test root runs its own bundle.
here="$(dirname "$(readlink -f "$0")")"
exec "$here/../../opt/rectdesk/rectdesk" "$@"
