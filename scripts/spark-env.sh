# Shared by scripts/cluster-up, cluster-down and submit: where things are, and the JVM flags Spark needs on Java 17.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_jar="$root/app/target/sparksweep-app.jar"
export SPARK_HOME="${SPARK_HOME:-$root/spark-home/target/spark-home}"
export SPARK_SCALA_VERSION=2.12
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cluster_dir="${SPARKSWEEP_CLUSTER_DIR:-$root/target/cluster}"
# ND4J's CUDA backend laid out by mvn -Pgpu package (README "GPU"); absent in a default build
gpu_jars="${SPARKSWEEP_GPU_JARS:-$root/gpu-home/target/gpu-home/jars}"
java17_opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
)

build_if_needed() {
  local newer=""
  [ -f "$app_jar" ] && newer="$(find "$root/pom.xml" "$root"/*/pom.xml "$root/worker/src/main" "$root/driver/src/main" \
    -newer "$app_jar" -type f -print -quit 2>/dev/null)"
  if [ ! -f "$app_jar" ] || [ ! -d "$SPARK_HOME/jars" ] || [ -n "$newer" ]; then
    echo "building the application jar and spark-home (first use or sources changed)..." >&2
    (cd "$root" && mvn -B -q -DskipTests install >&2)
  fi
}
