import { count } from '../../format.js';
import { layoutPipeline, type NodePosition } from './pipeline-layout.js';
import { PipelineNode, NODE_HEIGHT, NODE_WIDTH } from './pipeline-node.js';
import type { PipelineEdge, PipelineStepView } from './pipeline-steps.js';

const PAD = 12;

/**
 * The steps as a left-to-right DAG (layer = dependency depth), an edge from each producing step
 * to each consumer, titled with the outputs → inputs it carries. Nodes carry `data-step` and
 * `data-status`, edges `data-from` and `data-to`, so tests and tools can read the graph.
 */
export function PipelineGraph({ pipeline, steps, edges }: { pipeline: string; steps: PipelineStepView[]; edges: PipelineEdge[] }) {
  const layout = layoutPipeline(
    steps.map((s) => ({ id: s.step, deps: s.deps })),
    { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT },
  );
  const width = layout.width + 2 * PAD;
  const height = layout.height + 2 * PAD;
  const summary = `${count(steps.length, 'step')}, ${count(edges.length, 'dependency', 'dependencies')}`;
  return (
    <div className="pipeline-graph-scroll panel">
      <svg
        className="pipeline-graph"
        data-testid="pipeline-graph"
        width={width}
        height={height}
        viewBox={`${-PAD} ${-PAD} ${width} ${height}`}
        role="group"
        aria-labelledby="pipeline-graph-title pipeline-graph-desc"
      >
        <title id="pipeline-graph-title">Steps of pipeline {pipeline}</title>
        <desc id="pipeline-graph-desc">{summary}. Each step shows its name, kind, status and duration; an arrow goes from a step to a step that reads its outputs. Select a step to open its job.</desc>
        <defs>
          <marker id="pipeline-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="pipeline-arrow" />
          </marker>
        </defs>
        {edges.map((edge) => {
          const from = layout.positions.get(edge.from);
          const to = layout.positions.get(edge.to);
          return from && to ? <PipelineEdgePath key={`${edge.from}->${edge.to}`} edge={edge} from={from} to={to} /> : null;
        })}
        {steps.map((step) => {
          const at = layout.positions.get(step.step);
          return at ? <PipelineNode key={step.step} step={step} x={at.x} y={at.y} /> : null;
        })}
      </svg>
    </div>
  );
}

/** A curve from the right edge of the producer to the left edge of the consumer. */
function PipelineEdgePath({ edge, from, to }: { edge: PipelineEdge; from: NodePosition; to: NodePosition }) {
  const x1 = from.x + NODE_WIDTH;
  const y1 = from.y + NODE_HEIGHT / 2;
  const x2 = to.x;
  const y2 = to.y + NODE_HEIGHT / 2;
  const mid = (x1 + x2) / 2;
  const title = `${edge.from} → ${edge.to}: ${edge.labels.join(', ')}`;
  return (
    <g className="pipeline-edge" data-testid="pipeline-edge" data-from={edge.from} data-to={edge.to} data-labels={edge.labels.join(', ')}>
      <title>{title}</title>
      <path d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} markerEnd="url(#pipeline-arrow)" />
    </g>
  );
}
