// (being written by the client work)
export function templateReport(year: number, body = ''): string {
  return `${body}${year}年政府信息公开工作年度报告\n`;
}
