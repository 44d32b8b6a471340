// compose-config loads a compose file the way `docker compose config` does, with compose-go
// (the library Docker Compose is built on): Compose Specification schema, interpolation from
// the environment, merge keys and extends, path resolution, normalization and the consistency
// checks (depends_on, networks, volumes naming things that exist). It prints the resolved
// project as JSON for deploy/check/deploy_check.py, or fails with compose's own message.
//
// Usage: compose-config COMPOSE_FILE (variables come from the environment only).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-config COMPOSE_FILE")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(
		[]string{os.Args[1]},
		cli.WithOsEnv,
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
	)
	if err != nil {
		fail("configuring the loader", err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail("loading "+os.Args[1], err)
	}
	encoded, err := json.MarshalIndent(project, "", "  ")
	if err != nil {
		fail("encoding the project", err)
	}
	fmt.Println(string(encoded))
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "compose-config: %s: %v\n", what, err)
	os.Exit(1)
}
