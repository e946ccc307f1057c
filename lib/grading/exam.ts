import type { ExamSceneView, ExamStatus, Text } from '@/lib/contract';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { releasedAt } from './call-record';
import { tx } from './evidence';
import type { ExamScene } from './exam-script';
import type { Track } from './tracks';

/** What the exam serves to one call. */
export interface ExamDecision {
  /** The scene playing to this call's logical request; `null` for a call outside every scene (answered healthy). */
  scene: string | null;
  fault: FaultId | null;
  /** Headers to set on the answer. */
  headers: Readonly<Record<string, string>>;
}

/**
 * One run of the exam: hands scenes to new logical requests in order, picks
 * each call's fault, and knows when it is over. While it runs the session's
 * own scenario is suspended; a call outside every scene gets a healthy answer.
 */
export class ExamRun {
  private state: 'running' | 'finished' | 'stopped' = 'running';
  private readonly sceneOf = new Map<number, number>();
  private nextScene = 0;
  private done = new Set<number>();

  /**
   * @param script the scenes, in order.
   * @param startedAt record time it started, ms.
   * @param quietMs a failed scene request with no new attempt for this long is done (see `GradingThresholds.examQuietMs`).
   * @param hungMs a call left hanging this long is done too, whether or not the server ever sees the client leave
   *   (a proxy may hide it). Default `Infinity`; the record passes `GradingThresholds.timeoutLimitMs`.
   */
  constructor(
    readonly script: readonly ExamScene[],
    readonly startedAt: number,
    private readonly quietMs: number,
    private readonly hungMs = Infinity,
  ) {
    if (script.length === 0) throw new RangeError('ExamRun: the script has no scenes');
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /**
   * The fault for one call, or `null` once the exam is over.
   * @param startsLogical true when this call is the first attempt of a new logical request.
   */
  decide(logical: number, attempt: number, startsLogical: boolean): ExamDecision | null {
    if (this.state !== 'running') return null;
    let index = this.sceneOf.get(logical);
    if (index === undefined && startsLogical && this.nextScene < this.script.length) {
      index = this.nextScene++;
      this.sceneOf.set(logical, index);
    }
    if (index === undefined) return { scene: null, fault: null, headers: {} };
    const scene = this.script[index]!;
    const fault = attempt <= scene.attempts.length ? scene.attempts[attempt - 1]! : scene.after === 'repeat' ? scene.attempts[scene.attempts.length - 1]! : null;
    return { scene: scene.id, fault, headers: fault ? (scene.headers ?? {}) : {} };
  }

  /** Mark scenes done from the record; finishes the exam when every scene is done. */
  update(tracks: readonly Track[], now: number): void {
    if (this.state !== 'running') return;
    for (const t of tracks) {
      const index = this.sceneOf.get(t.id);
      if (index === undefined || this.done.has(index)) continue;
      const last = t.calls[t.calls.length - 1]!;
      const released = releasedAt(last);
      const finished =
        t.state === 'ok' ||
        (t.state === 'failed' && released !== null && (now - released >= this.quietMs || t.movedOn)) ||
        (t.state === 'in-flight' && last.answeredAt === null && now - last.at > this.hungMs);
      if (finished) this.done.add(index);
    }
    if (this.done.size === this.script.length) this.state = 'finished';
  }

  /** Stop serving the script; the session's own scenario applies again. */
  stop(): void {
    if (this.state === 'running') this.state = 'stopped';
  }

  /** Progress for the dashboard. */
  status(): ExamStatus {
    const logicalOf = new Map([...this.sceneOf].map(([logical, index]) => [index, logical]));
    const scenes: ExamSceneView[] = this.script.map((s, i) => ({
      id: s.id,
      title: s.title,
      state: this.done.has(i) ? 'done' : logicalOf.has(i) ? 'playing' : 'waiting',
      logical: logicalOf.get(i) ?? null,
      checks: [...s.checks],
    }));
    return { state: this.state, startedAt: this.startedAt, scenes, done: this.done.size, hint: this.hint(scenes) };
  }

  private hint(scenes: ExamSceneView[]): Text {
    const total = scenes.length;
    if (this.state === 'finished') return tx('考试结束：下面的成绩单就是你的代码的成绩。', 'The exam is over: the card below is your code’s grade.');
    if (this.state === 'stopped') return tx(`考试已停止（完成 ${this.done.size}/${total} 个场景）。`, `The exam was stopped (${this.done.size}/${total} scenes done).`);
    const playing = scenes.findIndex((s) => s.state === 'playing');
    if (playing >= 0) return tx(`场景 ${playing + 1}/${total}：${scenes[playing]!.title.zh}……`, `Scene ${playing + 1}/${total}: ${scenes[playing]!.title.en}…`);
    const waiting = scenes.findIndex((s) => s.state === 'waiting');
    if (waiting >= 0)
      return tx(
        `场景 ${waiting + 1}/${total}：${scenes[waiting]!.title.zh}。让你的代码问一个新问题（或再运行一次）。`,
        `Scene ${waiting + 1}/${total}: ${scenes[waiting]!.title.en}. Have your code ask a new question (or run it again).`,
      );
    return tx('最后的场景正在收尾……', 'The last scenes are settling…');
  }
}

/** The status shown before any exam ran. */
export function idleExamStatus(script: readonly ExamScene[]): ExamStatus {
  return {
    state: 'idle',
    startedAt: null,
    scenes: script.map((s) => ({ id: s.id, title: s.title, state: 'waiting', logical: null, checks: [...s.checks] })),
    done: 0,
    hint: tx('点“测试我的代码”，然后用上面的 Base URL 运行你的代码。', 'Press “Test my code”, then run your code against the Base URL above.'),
  };
}
