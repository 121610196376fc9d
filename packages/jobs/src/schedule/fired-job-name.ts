/**
 * The name of the job a schedule creates for one fire time: `<schedule>-<yyyyMMddHHmm>` in UTC.
 * One name per fire time is what makes firing idempotent: a second runner, or a retry after a
 * crash between creating the job and recording the fire, meets `LATHE_CONFLICT` instead of
 * creating a second job.
 *
 * @example
 * firedJobName('nightly', Date.parse('2024-05-01T02:00:00Z')); // 'nightly-202405010200'
 */
export function firedJobName(schedule: string, fireTime: number): string {
  const iso = new Date(fireTime).toISOString();
  return `${schedule}-${iso.slice(0, 16).replace(/[-T:]/g, '')}`;
}
