/** `node --import tsx bench/_carnet-rss.ts <carnet args>`: the CLI, then its peak memory on stderr. */

import { main } from '../local/cli/main.js';
import { printMaxRss } from './_child.js';

process.exitCode = await main(process.argv.slice(2));
printMaxRss();
