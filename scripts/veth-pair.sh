# Sourced by scripts/lan-emulation.sh and scripts/two-host.sh: two "hosts" on one Linux machine.
# veth_pair NS_A DEV_A ADDR_A NS_B DEV_B ADDR_B makes network namespaces NS_A and NS_B joined by a
# veth pair (DEV_A in NS_A with ADDR_A/24, DEV_B in NS_B with ADDR_B/24), each with its loopback up.
# Deleting a namespace deletes its end of the pair. Needs root and iproute2.
veth_pair() {
  local ns dev addr side
  ip netns add "$1"
  ip netns add "$4"
  ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
  for side in "$1 $2 $3" "$4 $5 $6"; do
    read -r ns dev addr <<<"$side"
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$addr/24" dev "$dev"
    ip -n "$ns" link set "$dev" up
  done
}
