import type { KeyboardEvent } from 'react';
import { statusTone } from '../../components/status-badge.js';
import { duration } from '../../format.js';
import { navigate } from '../../router.js';
import type { PipelineStepView } from './pipeline-steps.js';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 84;

const LABEL: Record<string, string> = { NotStarted: 'Not started' };

// Why a step is in a state that is not its job's (the box's tooltip and accessible name).
const WHY: Record<string, string> = { Blocked: ': a step it depends on failed or was canceled, so it will not run' };

/**
 * One step: a box with its name, kind, status word (colour is not the only signal) and duration.
 * The box is a link to the step's job page: focusable, opened by click or Enter. A reused step
 * also names the job whose outputs it reused, as a separate link to that job.
 */
export function PipelineNode({ step, x, y }: { step: PipelineStepView; x: number; y: number }) {
  const open = () => navigate(`/jobs/${encodeURIComponent(step.job)}`);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      open();
    }
  };
  const status = LABEL[step.status] ?? step.status;
  const time = step.durationSeconds !== null ? ` · ${duration(step.durationSeconds)}` : '';
  return (
    <g
      className={`pipeline-node status-${statusTone(step.status)}`}
      data-testid="pipeline-node"
      data-step={step.step}
      data-job={step.job}
      data-status={step.status}
      data-kind={step.kind}
      data-reused-from={step.reusedFrom ?? undefined}
      transform={`translate(${x},${y})`}
    >
      <g
        className="pipeline-node-box"
        role="link"
        tabIndex={0}
        aria-label={`Step ${step.step} (${step.kind}): ${status}${WHY[step.status] ?? ''}. Open job ${step.job}`}
        onClick={open}
        onKeyDown={onKeyDown}
      >
        <title>{`${step.step}: ${status}${WHY[step.status] ?? ''}`}</title>
        <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
        <rect className="pipeline-node-bar" width={5} height={NODE_HEIGHT} rx={2} />
        <text x={14} y={22} className="pipeline-node-name">
          {clip(step.step, 22)}
        </text>
        <text x={14} y={40} className="pipeline-node-kind">
          {step.kind}
        </text>
        <text x={14} y={58} className="pipeline-node-status">
          {clip(status, 16)}
          {time}
        </text>
      </g>
      {step.reusedFrom ? <ReusedLink original={step.reusedFrom} /> : null}
    </g>
  );
}

/** "reused <job>": the job whose outputs the step took instead of running. */
function ReusedLink({ original }: { original: string }) {
  const href = `/jobs/${encodeURIComponent(original)}`;
  return (
    <a
      href={href}
      className="pipeline-node-reused"
      data-testid="pipeline-node-reused"
      aria-label={`Reused the outputs of job ${original}: open it`}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      <title>{`Reused the outputs of ${original}`}</title>
      <text x={14} y={76}>
        reused {clip(original, 18)}
      </text>
    </a>
  );
}

/** Text cut to `max` characters with an ellipsis, so it stays inside the box (the full name is in the aria-label). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
