/**
 * lib/grading — the report card of a student's own client (issue 11): the
 * record of the calls a session's endpoint saw, their grouping into logical
 * requests, the checks, and the graded exam's fixed fault script.
 */
export { ClientRecord, type Arrival, type ClientRecordOptions } from './client-record';
export { gradeCalls, type ReportCard } from './report';
export { CHECKS, type CheckDef, type GradingContext } from './checks';
export { EXAM_SCRIPT, type ExamScene } from './exam-script';
export { ExamRun, type ExamDecision } from './exam';
export { DEFAULT_THRESHOLDS, DEFAULT_CALL_CAPACITY, type GradingThresholds } from './thresholds';
export type { CallRecord } from './call-record';
