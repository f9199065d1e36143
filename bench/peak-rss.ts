import fs from 'node:fs';

/**
 * This process's peak resident memory in MB. On Linux it is VmHWM of /proc/self/status: the
 * high-water mark of this program alone. getrusage's maxrss is not used there, because it keeps the
 * parent's size at the moment it forked the child, which would count the bench's own memory.
 */
export function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}
