// The official report format (国办公开办函〔2019〕60号 and 〔2021〕30号) as data. Every label, column and
// relation the engine knows lives here; checks and the parser read it, never their own copies.

export type FormatVersion = '2019' | '2021';

export type SectionId = 'overview' | 'active' | 'requests' | 'review' | 'problems' | 'other';

export interface SectionDef {
  id: SectionId;
  ordinal: number;
  title: string;
  /** Wordings seen in real reports that are accepted with a hint. */
  variants: string[];
}

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const SECTIONS: SectionDef[] = [
  { id: 'overview', ordinal: 1, title: '总体情况', variants: [] },
  { id: 'active', ordinal: 2, title: '主动公开政府信息情况', variants: [] },
  { id: 'requests', ordinal: 3, title: '收到和处理政府信息公开申请情况', variants: [] },
  {
    id: 'review',
    ordinal: 4,
    title: '政府信息公开行政复议、行政诉讼情况',
    variants: ['因政府信息公开工作被申请行政复议和提起行政诉讼情况', '政府信息公开行政复议和行政诉讼情况'],
  },
  {
    id: 'problems',
    ordinal: 5,
    title: '存在的主要问题及改进情况',
    variants: [
      '存在的主要问题及改进措施',
      '存在的主要问题及整改措施',
      '存在的主要问题和改进措施',
      '存在的主要问题和改进情况',
      '政府信息公开工作存在的主要问题及改进情况',
    ],
  },
  { id: 'other', ordinal: 6, title: '其他需要报告的事项', variants: [] },
];

export type TableKind = 'active-1' | 'active-5' | 'active-6' | 'active-8' | 'active-9' | 'requests' | 'review';

/** How a cell's text turns into a number. */
export type ValueType =
  | 'count' // non-negative integer
  | 'amount' // non-negative decimal (万元)
  | 'change' // signed integer written 增87 / 减5874 / -8
  | 'money'; // decimal with an optional unit: 251000元, 101973.15万

export interface ColumnDef {
  id: string;
  label: string;
  /** Shorter name for hovers and messages. */
  short: string;
  type: ValueType;
}

export interface RowDef {
  id: string;
  /** Official label as printed in the format, ordinal included. */
  label: string;
  /** Ordinal as printed ("一、", "（三）", "4."), empty for section 二 rows. */
  ordinal: string;
  /** Distinctive wording the parser matches, in match-key form (see text.ts matchKey). */
  core: string;
  /** Older or alternative wordings that still identify the row (row-label warns about them). */
  aliases?: string[];
  /** Official wording where it differs between the formats. */
  labels?: Partial<Record<FormatVersion, string>>;
  /** Rows that only group others and carry no numbers. */
  group?: boolean;
  /** Formats the row exists in. */
  versions: FormatVersion[];
  /** The core is too common to trust alone: the ordinal must precede it, or the previous row must be the one before it. */
  needsOrdinal?: string;
  /** Rows that may legitimately be absent (none yet). */
  optional?: boolean;
}

export interface TableDef {
  kind: TableKind;
  /** Caption or header wording that starts the table. */
  caption: string;
  /** Section of the report the table belongs in. */
  section: SectionId;
  columns: Record<FormatVersion, ColumnDef[]>;
  rows: RowDef[];
  /** Header words per version: their presence decides the version of the table. */
  versionMarkers: Record<FormatVersion, string[]>;
}

const count = (id: string, label: string, short = label): ColumnDef => ({ id, label, short, type: 'count' });

export const APPLICANT_COLUMNS: ColumnDef[] = [
  count('natural', '自然人'),
  count('commercial', '商业企业'),
  count('research', '科研机构'),
  count('nonprofit', '社会公益组织'),
  count('legal', '法律服务机构'),
  count('otherOrg', '其他', '其他组织'),
  count('total', '总计'),
];

export const REVIEW_BLOCKS = [
  { id: 'review', label: '行政复议' },
  { id: 'suit', label: '行政诉讼（未经复议直接起诉）' },
  { id: 'appeal', label: '行政诉讼（复议后起诉）' },
] as const;

const REVIEW_PARTS = [
  { id: 'Upheld', label: '结果维持' },
  { id: 'Corrected', label: '结果纠正' },
  { id: 'Other', label: '其他结果' },
  { id: 'Pending', label: '尚未审结' },
  { id: 'Total', label: '总计' },
];

export const REVIEW_COLUMNS: ColumnDef[] = REVIEW_BLOCKS.flatMap((block) =>
  REVIEW_PARTS.map((part) => count(block.id + part.id, part.label, `${block.label}·${part.label}`)),
);

const both: FormatVersion[] = ['2019', '2021'];
const only2021: FormatVersion[] = ['2021'];
const only2019: FormatVersion[] = ['2019'];

function row(id: string, ordinal: string, core: string, extra: Partial<RowDef> = {}): RowDef {
  return { id, ordinal, core, label: ordinal + core, versions: both, ...extra };
}

const PARTIAL_NOTE = '（区分处理的，只计这一情形，不计其他情形）';

export const REQUEST_ROWS: RowDef[] = [
  row('new', '一、', '本年新收政府信息公开申请数量'),
  row('carried', '二、', '上年结转政府信息公开申请数量'),
  row('results', '三、', '本年度办理结果', { group: true }),
  row('granted', '（一）', '予以公开'),
  row('partial', '（二）', '部分公开', { label: '（二）部分公开' + PARTIAL_NOTE }),
  row('withheld', '（三）', '不予公开', { group: true }),
  row('withheld1', '1.', '属于国家秘密'),
  row('withheld2', '2.', '其他法律行政法规禁止公开'),
  row('withheld3', '3.', '危及“三安全一稳定”', { core: '危及三安全一稳定' }),
  row('withheld4', '4.', '保护第三方合法权益'),
  row('withheld5', '5.', '属于三类内部事务信息'),
  row('withheld6', '6.', '属于四类过程性信息'),
  row('withheld7', '7.', '属于行政执法案卷'),
  row('withheld8', '8.', '属于行政查询事项'),
  row('unable', '（四）', '无法提供', { group: true }),
  row('unable1', '1.', '本机关不掌握相关政府信息'),
  row('unable2', '2.', '没有现成信息需要另行制作'),
  row('unable3', '3.', '补正后申请内容仍不明确'),
  row('declined', '（五）', '不予处理', { group: true }),
  row('declined1', '1.', '信访举报投诉类申请'),
  row('declined2', '2.', '重复申请'),
  row('declined3', '3.', '要求提供公开出版物'),
  row('declined4', '4.', '无正当理由大量反复申请'),
  row('declined5', '5.', '要求行政机关确认或重新出具已获取信息'),
  // In 2021 （六） groups three items; in 2019 it is one data row. The parser decides by what follows.
  row('otherHandling', '（六）', '其他处理'),
  row('otherHandling1', '1.', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', {
    core: '申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请',
    versions: only2021,
  }),
  row('otherHandling2', '2.', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', {
    core: '申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请',
    versions: only2021,
  }),
  row('otherHandling3', '3.', '其他', { versions: only2021, needsOrdinal: '3' }),
  row('resultTotal', '（七）', '总计', { needsOrdinal: '七' }),
  row('carryOver', '四、', '结转下年度继续办理'),
];

/** Rows whose sum is （七）总计 (R2), per version. */
export const RESULT_ROW_IDS: Record<FormatVersion, string[]> = {
  '2021': [
    'granted', 'partial',
    'withheld1', 'withheld2', 'withheld3', 'withheld4', 'withheld5', 'withheld6', 'withheld7', 'withheld8',
    'unable1', 'unable2', 'unable3',
    'declined1', 'declined2', 'declined3', 'declined4', 'declined5',
    'otherHandling1', 'otherHandling2', 'otherHandling3',
  ],
  '2019': [
    'granted', 'partial',
    'withheld1', 'withheld2', 'withheld3', 'withheld4', 'withheld5', 'withheld6', 'withheld7', 'withheld8',
    'unable1', 'unable2', 'unable3',
    'declined1', 'declined2', 'declined3', 'declined4', 'declined5',
    'otherHandling',
  ],
};

/** The data rows of table 三 in each format, in order. */
export function requestDataRows(version: FormatVersion): RowDef[] {
  const results = new Set(RESULT_ROW_IDS[version]);
  return REQUEST_ROWS.filter((r) => results.has(r.id) || ['new', 'carried', 'resultTotal', 'carryOver'].includes(r.id));
}

// 第二十条第（五）项 and 第（六）项 share their columns: decisions taken on licences, penalties, coercive measures.
const DECISION_COLUMNS: Record<FormatVersion, ColumnDef[]> = {
  '2021': [count('decisions', '本年处理决定数量', '处理决定')],
  '2019': [
    count('previousItems', '上一年项目数量', '上年项目'),
    { id: 'itemChange', label: '本年增/减', short: '增减', type: 'change' },
    count('decisions', '处理决定数量', '处理决定'),
  ],
};

export const TABLES: TableDef[] = [
  {
    kind: 'active-1',
    caption: '第二十条第（一）项',
    section: 'active',
    columns: {
      '2021': [count('made', '本年制发件数', '制发'), count('repealed', '本年废止件数', '废止'), count('valid', '现行有效件数', '现行有效')],
      '2019': [count('newMade', '本年新制作数量', '新制作'), count('newPublished', '本年新公开数量', '新公开'), count('publishedTotal', '对外公开总数量', '对外公开总数')],
    },
    rows: [
      { id: 'regulations', label: '规章', ordinal: '', core: '规章', versions: both },
      {
        id: 'normative',
        label: '行政规范性文件',
        ordinal: '',
        core: '行政规范性文件',
        aliases: ['规范性文件'],
        labels: { '2019': '规范性文件', '2021': '行政规范性文件' },
        versions: both,
      },
    ],
    versionMarkers: { '2021': ['本年制发件数', '本年废止件数', '现行有效件数'], '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量'] },
  },
  {
    kind: 'active-5',
    caption: '第二十条第（五）项',
    section: 'active',
    columns: DECISION_COLUMNS,
    rows: [
      { id: 'licensing', label: '行政许可', ordinal: '', core: '行政许可', versions: both },
      { id: 'otherServices', label: '其他对外管理服务事项', ordinal: '', core: '其他对外管理服务事项', versions: only2019 },
    ],
    versionMarkers: { '2021': ['本年处理决定数量'], '2019': ['上一年项目数量', '本年增减'] },
  },
  {
    kind: 'active-6',
    caption: '第二十条第（六）项',
    section: 'active',
    columns: DECISION_COLUMNS,
    rows: [
      { id: 'penalty', label: '行政处罚', ordinal: '', core: '行政处罚', versions: both },
      { id: 'enforcement', label: '行政强制', ordinal: '', core: '行政强制', versions: both },
    ],
    versionMarkers: { '2021': ['本年处理决定数量'], '2019': ['上一年项目数量', '本年增减'] },
  },
  {
    kind: 'active-8',
    caption: '第二十条第（八）项',
    section: 'active',
    columns: {
      '2021': [{ id: 'fees', label: '本年收费金额（单位：万元）', short: '收费金额（万元）', type: 'amount' }],
      '2019': [count('previousItems', '上一年项目数量', '上年项目'), { id: 'itemChange', label: '本年增/减', short: '增减', type: 'change' }],
    },
    rows: [{ id: 'fees', label: '行政事业性收费', ordinal: '', core: '行政事业性收费', versions: both }],
    versionMarkers: { '2021': ['本年收费金额'], '2019': ['上一年项目数量', '本年增减'] },
  },
  {
    kind: 'active-9',
    caption: '第二十条第（九）项',
    section: 'active',
    columns: {
      '2021': [],
      '2019': [count('purchases', '采购项目数量', '采购项目'), { id: 'purchaseAmount', label: '采购总金额', short: '采购金额', type: 'money' }],
    },
    rows: [{ id: 'procurement', label: '政府集中采购', ordinal: '', core: '政府集中采购', versions: only2019 }],
    versionMarkers: { '2021': [], '2019': ['采购项目数量', '采购总金额'] },
  },
  {
    kind: 'requests',
    caption: '收到和处理政府信息公开申请情况',
    section: 'requests',
    columns: { '2021': APPLICANT_COLUMNS, '2019': APPLICANT_COLUMNS },
    rows: REQUEST_ROWS,
    versionMarkers: { '2021': [], '2019': [] },
  },
  {
    kind: 'review',
    caption: '行政复议、行政诉讼',
    section: 'review',
    columns: { '2021': REVIEW_COLUMNS, '2019': REVIEW_COLUMNS },
    rows: [{ id: 'review', label: '行政复议、行政诉讼', ordinal: '', core: '行政复议', versions: both }],
    versionMarkers: { '2021': [], '2019': [] },
  },
];

export function tableDef(kind: TableKind): TableDef {
  const def = TABLES.find((t) => t.kind === kind);
  if (!def) throw new Error(`unknown table kind ${kind}`);
  return def;
}

/** The 第二十条 sub-tables each format requires. */
export const ACTIVE_TABLES: Record<FormatVersion, TableKind[]> = {
  '2021': ['active-1', 'active-5', 'active-6', 'active-8'],
  '2019': ['active-1', 'active-5', 'active-6', 'active-8', 'active-9'],
};

/** Clause number of a 第二十条 caption → table kind. */
export const ACTIVE_CLAUSES: Record<string, TableKind> = {
  '一': 'active-1',
  '五': 'active-5',
  '六': 'active-6',
  '八': 'active-8',
  '九': 'active-9',
};

// ---------------------------------------------------------------------------------------------
// Relations (勾稽关系). Each is Σ coefficient × cell = 0 over cells named by (row id, column id).

export type RelationId = 'R1' | 'R2' | 'R3' | 'R4';

export interface Term {
  row: string;
  column: string;
  coefficient: 1 | -1;
}

export interface Relation {
  id: RelationId;
  /** The cell the relation defines (a total): its natural place to report. */
  total: { row: string; column: string };
  terms: Term[];
  /** Column or row the relation runs along, for messages. */
  along: string;
}

const APPLICANT_PART_IDS = APPLICANT_COLUMNS.filter((c) => c.id !== 'total').map((c) => c.id);

const relationCache = new Map<FormatVersion, Relation[]>();

/** R1–R3 over table 三 in the given format. */
export function requestRelations(version: FormatVersion): Relation[] {
  const cached = relationCache.get(version);
  if (cached) return cached;
  const relations: Relation[] = [];
  for (const column of APPLICANT_COLUMNS) {
    relations.push({
      id: 'R1',
      total: { row: 'resultTotal', column: column.id },
      along: column.id,
      terms: [
        { row: 'new', column: column.id, coefficient: 1 },
        { row: 'carried', column: column.id, coefficient: 1 },
        { row: 'resultTotal', column: column.id, coefficient: -1 },
        { row: 'carryOver', column: column.id, coefficient: -1 },
      ],
    });
    relations.push({
      id: 'R2',
      total: { row: 'resultTotal', column: column.id },
      along: column.id,
      terms: [
        { row: 'resultTotal', column: column.id, coefficient: 1 },
        ...RESULT_ROW_IDS[version].map((rowId): Term => ({ row: rowId, column: column.id, coefficient: -1 })),
      ],
    });
  }
  for (const rowDef of requestDataRows(version)) {
    relations.push({
      id: 'R3',
      total: { row: rowDef.id, column: 'total' },
      along: rowDef.id,
      terms: [
        { row: rowDef.id, column: 'total', coefficient: 1 },
        ...APPLICANT_PART_IDS.map((columnId): Term => ({ row: rowDef.id, column: columnId, coefficient: -1 })),
      ],
    });
  }
  relationCache.set(version, relations);
  return relations;
}

/** R4 over table 四: each block's 总计 is the sum of its four parts. */
export function reviewRelations(): Relation[] {
  return REVIEW_RELATIONS;
}

const REVIEW_RELATIONS: Relation[] = REVIEW_BLOCKS.map((block) => ({
    id: 'R4' as const,
    total: { row: 'review', column: block.id + 'Total' },
    along: block.id,
    terms: [
      { row: 'review', column: block.id + 'Total', coefficient: 1 as const },
      ...REVIEW_PARTS.filter((p) => p.id !== 'Total').map((p) => ({ row: 'review', column: block.id + p.id, coefficient: -1 as const })),
    ],
}));

// Basis documents and period wording, used by the report-level checks.
export const BASIS_2019 = '国办公开办函〔2019〕60号';
export const BASIS_2021 = '国办公开办函〔2021〕30号';
export const FIRST_YEAR_OF_2021_FORMAT = 2021;

/** The format a report on `year` follows: 2019 for reports on 2019 and 2020, else (or unknown) 2021. */
export function formatOfYear(year: number | undefined): FormatVersion {
  return year !== undefined && year < FIRST_YEAR_OF_2021_FORMAT ? '2019' : '2021';
}
