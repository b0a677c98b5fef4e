import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("demo")
    .description("Run the demo market")
    .option("--json", "machine-readable output")
    .action(() => {
      process.stdout.write("demo: not yet built\n");
    });
}
