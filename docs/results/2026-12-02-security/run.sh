#!/usr/bin/env bash
# Security sitting (issue 16): simple call p50/p99, 1 MB echo and connect for every transport x tls=false,true
# (gRPC: JDK and OpenSSL providers), simple calls with auth=token, placement separate (client CPU 0, server CPU 1);
# then grpc-java's qps tools and wrk, plaintext and over TLS, against the same servers' frameworks.
set -uo pipefail
cd /tmp/sec-sit
JAR=/tmp/sec-sit/benchmarks.jar
ALL=tcp,rmi,zeromq,grpc,http,websocket
TIMED="-f 1 -wi 3 -w 2s -i 5 -r 1s -p placement=separate"
date -u; cut -d' ' -f1-3 /proc/loadavg
java -jar $JAR env --out env.json --options tls=false,true auth=none,token grpc.tls.provider=jdk,openssl placement=separate
java -jar $JAR 'SimpleCallBenchmark|PayloadBenchmark' -p transport=$ALL -p tls=false,true -p size=1048576 $TIMED -rf json -rff calls-jdk.json > calls-jdk.log 2>&1; echo "calls-jdk rc=$?"
java -Drpcbench.grpc.tls.provider=openssl -jar $JAR 'SimpleCallBenchmark|PayloadBenchmark' -p transport=grpc -p tls=true -p size=1048576 $TIMED -rf json -rff calls-openssl.json > calls-openssl.log 2>&1; echo "calls-openssl rc=$?"
java -jar $JAR SimpleCallBenchmark -p transport=$ALL -p auth=token $TIMED -rf json -rff calls-token.json > calls-token.log 2>&1; echo "calls-token rc=$?"
# Connect: a longer warm-up than the calls' (the handshake's EC code compiles late).
CONN="-f 1 -wi 5 -w 2s -i 5 -r 1s -p placement=separate"
java -jar $JAR ConnectBenchmark -p transport=$ALL -p tls=false $CONN -rf json -rff connect-plain.json > connect-plain.log 2>&1; echo "connect-plain rc=$?"
java -jar $JAR ConnectBenchmark -p transport=tcp,rmi,grpc,http,websocket -p tls=true -p handshake=full,resumed $CONN -rf json -rff connect-tls.json > connect-tls.log 2>&1; echo "connect-tls rc=$?"
java -jar $JAR ConnectBenchmark -p transport=zeromq -p tls=true $CONN -rf json -rff connect-curve.json > connect-curve.log 2>&1; echo "connect-curve rc=$?"
java -Drpcbench.grpc.tls.provider=openssl -jar $JAR ConnectBenchmark -p transport=grpc -p tls=true -p handshake=full,resumed $CONN -rf json -rff connect-openssl.json > connect-openssl.log 2>&1; echo "connect-openssl rc=$?"
date -u
/work/main/scripts/load-yardstick.sh --jar $JAR --connections 1 --runs 2 --out /tmp/sec-sit/yardstick-plain > yardstick-plain.log 2>&1; echo "yardstick-plain rc=$?"
/work/main/scripts/load-yardstick.sh --jar $JAR --tls --connections 1 --runs 2 --out /tmp/sec-sit/yardstick-tls > yardstick-tls.log 2>&1; echo "yardstick-tls rc=$?"
date -u; cut -d' ' -f1-3 /proc/loadavg
