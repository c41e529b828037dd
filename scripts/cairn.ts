#!/usr/bin/env node
import { runCli } from './cli/program';
import { processIo } from './cli/io';

process.exitCode = await runCli(process.argv.slice(2), processIo);
