#!/usr/bin/env bash
# TLS sitting: simple call, 1 MB echo and connect, every transport x tls=false,true (+ gRPC OpenSSL), placement separate.
set -uo pipefail
cd /tmp/tls-sit
JAR=/tmp/tls-sit/benchmarks.jar
ALL=tcp,rmi,zeromq,grpc,http,websocket
TIMED="-f 1 -wi 3 -w 2s -i 5 -r 1s -p placement=separate"
date -u
java -jar $JAR env --out env.json --options tls=false,true grpc.tls.provider=jdk,openssl placement=separate
java -jar $JAR 'SimpleCallBenchmark|PayloadBenchmark' -p transport=$ALL -p tls=false,true -p size=1048576 $TIMED -rf json -rff calls-jdk.json > calls-jdk.log 2>&1; echo "calls-jdk rc=$?"
java -Drpcbench.grpc.tls.provider=openssl -jar $JAR 'SimpleCallBenchmark|PayloadBenchmark' -p transport=grpc -p tls=true -p size=1048576 $TIMED -rf json -rff calls-openssl.json > calls-openssl.log 2>&1; echo "calls-openssl rc=$?"
CONN="-f 1 -wi 2 -w 1s -i 3 -r 1s -p placement=separate"
java -jar $JAR ConnectBenchmark -p transport=$ALL -p tls=false $CONN -rf json -rff connect-plain.json > connect-plain.log 2>&1; echo "connect-plain rc=$?"
java -jar $JAR ConnectBenchmark -p transport=tcp,rmi,grpc,http,websocket -p tls=true -p handshake=full,resumed $CONN -rf json -rff connect-tls.json > connect-tls.log 2>&1; echo "connect-tls rc=$?"
java -jar $JAR ConnectBenchmark -p transport=zeromq -p tls=true $CONN -rf json -rff connect-curve.json > connect-curve.log 2>&1; echo "connect-curve rc=$?"
java -Drpcbench.grpc.tls.provider=openssl -jar $JAR ConnectBenchmark -p transport=grpc -p tls=true -p handshake=full,resumed $CONN -rf json -rff connect-openssl.json > connect-openssl.log 2>&1; echo "connect-openssl rc=$?"
date -u
