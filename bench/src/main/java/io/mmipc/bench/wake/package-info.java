/**
 * What a wait costs between two JVMs on this host: request/response with a gap between requests
 * ({@link io.mmipc.bench.wake.WakeRoundTripBenchmark}: mmipc's waiter with futex wake words, the
 * same waiter backing off as before issue 13, one byte over blocking OS pipes as the kernel-wake
 * floor, and busy-spinning), each side's CPU share ({@link io.mmipc.bench.wake.CpuShare}), and the
 * floor of the machine ({@link io.mmipc.bench.wake.MachineFloorBenchmark}: two JVMs ping-ponging
 * one mapped long). Each benchmark starts its peer ({@link io.mmipc.bench.wake.WakePeer}) in its
 * trial setup.
 * <pre>
 * java -jar bench/target/benchmarks.jar 'WakeRoundTripBenchmark|MachineFloorBenchmark'
 * java -jar bench/target/benchmarks.jar WakeRoundTripBenchmark -p contender=MMIPC_FUTEX,OS_PIPE -p gapMicros=0,1000
 * </pre>
 */
package io.mmipc.bench.wake;
