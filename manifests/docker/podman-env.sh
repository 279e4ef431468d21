# Sourced by the scripts here. Podman's defaults ask for more than a container sandbox without
# CAP_SYS_RESOURCE may give (nofile 1048576: "setrlimit RLIMIT_NOFILE: Operation not permitted"),
# and crun refuses hybrid cgroup v1/v2 hosts ("cgroups in hybrid mode not supported"). So the
# containers get this shell's hard limits, and runc on a hybrid host. Set CONTAINERS_CONF to
# use your own settings instead.
if [ -z "${CONTAINERS_CONF:-}" ]; then
  _conf="$(mktemp -t netwerkbot-containers.XXXXXX.conf)"
  _nofile="$(ulimit -Hn)"; [ "$_nofile" = unlimited ] && _nofile=1048576
  _nproc="$(ulimit -Hu)"; { [ "$_nproc" = unlimited ] || [ "$_nproc" -gt 32768 ]; } && _nproc=32768
  {
    echo "[containers]"
    echo "default_ulimits = [\"nofile=$_nofile:$_nofile\", \"nproc=$_nproc:$_nproc\"]"
    if [ -d /sys/fs/cgroup/unified ] && command -v runc >/dev/null; then
      echo "[engine]"
      echo "runtime = \"runc\""
    fi
  } >"$_conf"
  export CONTAINERS_CONF="$_conf"
fi
