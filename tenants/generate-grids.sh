#!/usr/bin/env bash
# Regenerates the demo cities' grid layouts (tenants/<city>/grid/layout.geojson).
# Deterministic: the same seeds (in GridGenerator) give byte-identical files.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl backend -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "backend/target/test-classes:backend/target/classes:$(cat backend/target/classpath.txt)" \
    city.gridcity.grid.GridGenerator tenants
