import { generateFixtures } from '../../scripts/fixtures/generateFixtures';

/** Vitest global setup: writes the tiny fixture models once per run (deterministic, offline). */
export default async function setup(): Promise<void> {
  await generateFixtures();
}
