/** `<sessionCode>_<candidateId>` → its parts (session codes hold no underscore). */
export function parseEnrollmentId(enrollmentId: string): { sessionCode: string; candidateId: string } {
  const split = enrollmentId.indexOf('_');
  return { sessionCode: enrollmentId.slice(0, split), candidateId: enrollmentId.slice(split + 1) };
}
