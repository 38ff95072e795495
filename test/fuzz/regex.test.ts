// No regular expression may take super-linear time on what a clerk can paste: every regex of the
// engine and the server that touches user text is listed here with the file it comes from, and run
// on adversarial inputs (long runs of digits, spaces, pipes, tabs, parentheses, "第二十条第(", "（（（"
// … up to 256k characters); doubling the input may at most about triple the time. parseReport and
// checkText get the same inputs, on their own and inside table 三 of a real report. A drift check
// fails when the sources hold a regex this list does not: add it here (and make it linear).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { checkText, parseReport } from '../../server/src/engine';
import { REQUEST_ROWS } from '../../server/src/engine/format';
import { repoRoot, sharedTexts } from './properties';

/** Regex literals, per file under server/src, as written there (duplicates included). */
const LITERALS: Record<string, RegExp[]> = {
  'cli/args.ts': [
    /^[1-9]\d{0,3}$/,
  ],
  'cli/output/csv.ts': [
    /^[=+\-@\t\r]/,
    /[",\r\n]/,
    /"/g,
  ],
  'cli/output/escape.ts': [
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
  ],
  'cli/output/html.ts': [
    /[&<>"']/g,
  ],
  'documents/docx.ts': [
    /wordprocessingml\.(?:document|template)\.main\+xml|ms-word\.(?:document|template)\.macroEnabled(?:\.main)?\+xml/,
    /^\//,
    /<!(?:DOCTYPE|ENTITY)/i,
    /<w:(?:ins|del|moveFrom|moveTo)\b[^>]*\/>/g,
    /&/g,
    /</g,
    />/g,
    /[\t\n\r]/,
    /^\s|\s$/,
    /xml:space\s*=\s*["']preserve["']/,
    /^[^\s/>]+/,
  ],
  'documents/html.ts': [
    /<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{1,40})/i,
    /^utf-?8$/,
    /^(?:gb2312|gbk|gb_2312.*|x-gbk|cp936|euc-cn|hz-gb-2312|gb18030)$/,
    /display\s*:\s*none|visibility\s*:\s*hidden/i,
    /^t[dh]$/i,
    /^([一二三四五六])\s*[、.．,，]\s*(?:[^\t]{0,6}(?:总体情况|概述|主动公开|收到和处理|依申请|行政复议|行政诉讼|存在的主要问题|问题|其他需要报告|其他事项|其他))/,
    /年度报告|年报/,
    /^(?:附件(?:下载)?\s*[:：]?|相关附件|相关(?:链接|文章|信息|阅读|推荐)|【?\s*(?:打印|关闭|收藏)|打印本页|关闭窗口|分享到|分享至|扫一扫|上一篇|下一篇|责任编辑|编辑[:：]|版权所有|主办单位|承办单位|网站标识码|网站地图|联系我们|返回顶部|我要纠错|【\s*字体|字号[:：]|浏览次数|阅读次数|访问量)|ICP备|公网安备/,
  ],
  'documents/index.ts': [
    /\.([a-z0-9]+)$/,
    /^\xef\xbb\xbf/,
    /^<(?:!doctype\s+html|html|head|meta|body|title|!--)/,
    /<html[\s>]/i,
  ],
  'documents/pdf.ts': [
    /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill)/,
    /^[\d０-９.,，．%％/／\-—–－\s]+$/,
    /^(?:[-—–－]\s*)?\d{1,4}(?:\s*[-—–－])?$|^第\s*\d{1,4}\s*页(?:\s*(?:[，,]\s*)?共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/,
    /^第\s*[一二三四五六七八九十]+\s*条/,
    /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、](?!\d))/,
  ],
  'engine/anchor.ts': [
    /[。！？；!?;\n]/,
  ],
  'engine/checks/basis.ts': [
    /[国國][办辦]公[开開][办辦]函\s*[〔\[(（【［]\s*(?:2019|２０１９)\s*[〕\])）】］]\s*(?:60|６０)\s*[号號]/g,
    /年度报告格式|年度報告格式/,
  ],
  'engine/checks/cell-value.ts': [
    /\d\s+\S/,
  ],
  'engine/checks/fee-statement.ts': [
    /处理费|收费|收取|费用|缴费|计收/,
  ],
  'engine/checks/format-version.ts': [
    /header "(.+)"/,
  ],
  'engine/checks/implausible.ts': [
    /(?:镇|乡|街道)(?:人民政府|政府|办事处)|街道办|[镇乡]$/,
    /[县旗区](?:人民政府|政府)/,
    /[县旗区][^省市县区旗]{0,20}(?:局|委员会|管委会|委|办公室)$/,
    /自治区|社区|园区|景区|小区|片区|校区|城乡/g,
  ],
  'engine/checks/intro-parts.ts': [
    /([一二两三四五六七八九十]|\d{1,2})\s*个?\s*部分/g,
    /由|包括|包含|分为|分成|共分|涵盖/g,
    /报告|年报|全文|本文/,
    /[、，,；;]/,
    /\d/,
    /[0-9０-９]/,
    /\d/,
    /\d/,
    /等|[0-9一二两三四五六七八九十]\s*个?\s*部分|。/,
    /^[0-9一二两三四五六七八九十]\s*个?\s*部分/,
    /[等共这计\s]/,
    /^[：:]/,
    /^[《“"']+|[》”"']+$/g,
  ],
  'engine/checks/missing-section.ts': [
    /^\s*(#{1,5})\s/,
    /\n$/,
    /[\r\n]$/,
  ],
  'engine/checks/missing-table.ts': [
    /(?<=^|[ \t\u3000|])[0-9０-９]+(?=$|[ \t\u3000|])/gm,
    /\n$/,
  ],
  'engine/checks/narrative-number.ts': [
    /较|同比|环比|增|减|降|升|约|近|逾|超|多于|少于|以上|以下|平均|日均|月均|每|分别|率|占|比/,
    /其中|按时|按期|如期|当场|当日|延期|逾期|超期|现场|网上|线上|书面|邮寄|信函|当面/,
    /等|共|合计|总/,
    /^\s*[（(，,]?\s*(?:含|包括|包含)/,
    /^\s*[（(，,]?\s*(?:含|包括|包含)(?:了)?\s*(?:上一?年度?|去年)?\s*结转/,
    /[，,；;（(：:]/,
    /（区分处理的，只计这一情形，不计其他情形）$/,
    /\d$/,
    /结转|上年|下年|予以|不予|办结|答复/,
    /主动|结转|上年/,
    /下年|顺延/,
    /上年/,
    /诉讼|决定|意见|纠错|撤销|维持|纠正|审结|结转|上年|答复|人次|听证|应诉/,
    /复议|判决|裁定|纠错|撤销|维持|纠正|审结|上年|人次|败诉|胜诉/,
    /结转|上年|去年|下年|顺延|复议|诉讼|案件|建议|留言|延期|逾期|超期|自然人|法人|予以|不予|部分/,
    /结转|上年|去年|下年|办结|答复|办理|复议|诉讼|案件|建议|投诉|举报|自然人|法人|企业|机构|组织|予以|不予/,
    /结转|上年|去年|下年|顺延|复议|诉讼|案件|建议|留言|延期|逾期|超期|自然人|法人|予以|不予|部分|结果/,
    /截至|截止|年底|年末/,
    /行政复议|行政诉讼/g,
    /[；;]/,
  ],
  'engine/checks/narrative-percent.ts': [
    /(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)([^\d。；;%％占\n]{0,12})占([^\d。；;%％\n]{0,10})(\d+(?:\.\d+)?)\s*%/g,
    /(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)/g,
    /同比|环比|增|减|降|升|提高|较|超|逾|近|约|不足|低于|高于|以上|以下|左右/,
    /^\s*(?:以上|以下|左右)/,
    /申请|办结|答复|予以公开|部分公开|不予公开|无法提供|不予处理/,
  ],
  'engine/checks/period.ts': [
    /[。.]\s*$/,
    /\d{4}(?=\s*年)/g,
  ],
  'engine/checks/placeholder.ts': [
    /(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×一二三四五六七八九十零〇○])(?:[XxＸｘ×]{2,}|[〇○]{2,})(?=[省县市区镇乡局委办]|人民政府|街道)/g,
    /^(?:[Xx×]{1,3}|[*＊]+|[〇○]{2,}|[?？]{1,3}|[_＿]{2,})$/,
    /[件条个项]/,
    /[，,；;。！？\n]/g,
    /\d/,
    /\s/,
    /^[\u4e00-\u9fff]{4}$/,
  ],
  'engine/checks/prose.ts': [
    /[。！？!?：:；;]\s*$/,
    /[０-９％．\u3000\t]/g,
    /[。！？!?\n]/g,
    /,/g,
    /12345|热线|留言|信箱|网民|问政|来信|来电|咨询|提案|政民互动|网站|\d\s*条/,
    /全(?:县|市|区|省|州|盟|旗|镇|乡)|各(?:部门|单位|乡镇|县|区|街道)|[县市区]直|全系统/,
    /上年|去年|上一年|同期|前年/,
    /上一?年度?结转/g,
    /(\d{4})\s*年/g,
    /(?:人民政府|政府)$/,
    /办公室|办公厅/,
    /\s+/g,
  ],
  'engine/checks/shared.ts': [
    /（区分处理的，只计这一情形，不计其他情形）$/,
    /[０-９]/,
    /^-?\d+(\.\d+)?$/,
    /\d,\d{3}/,
    /(万元|万|元)\s*$/,
    /[0-9]/g,
    /,/g,
  ],
  'engine/checks/structure.ts': [
    /^\s*(#{1,6})\s/,
    /^([\s\u3000]*(?:#{1,6}\s*)?)([（(])\s*([一二三四五六七八九十]{1,3})\s*([）)])/,
    /^([\s\u3000]*(?:#{1,6}\s*)?)(\d{1,2})\s*([.．、])(?![\d.．])/,
    /^[\s\u3000]*(?:#{1,6}\s*)?[一二三四五六七八九十]{1,3}\s*[、.．]/,
  ],
  'engine/detect.ts': [
    /(?:\d{4}|[〇零一二三四五六七八九]{4})年.*政府信息公开(?:工作)?年度报告/,
    /^[\s#>*|]*第\s*二\s*十\s*[条條]\s*第\s*[（(]\s*一\s*[)）]\s*[项項][\s|*]*$/,
    /^[ \t\u3000#>*]*[一二三四五六]\s*[、.．,，]\s*(\S.*)$/,
    /^ {0,3}(`{3,}|~{3,})/,
    /\r$/,
  ],
  'engine/hover.ts': [
    /（[^（）]*）$/,
    /^\d/,
    /[、.]$/,
    /[\\`*_{}[\]<>|#]/g,
  ],
  'engine/parse/headings.ts': [
    /^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?([一二三四五六七八九十]{1,2})(\s*[、.．,，]\s*|\s+)(\S.*?)(?:\*\*|__)?\s*$/,
    /^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?(第[一二三四五六]部分|[1-6]|[（(][一二三四五六][)）])(\s*[、.．:：]\s*|\s*)(\S.*?)(?:\*\*|__)?\s*$/,
    /^[一二三四]、$/,
    /[及和与]/g,
    /[。；;]/,
    /[，,：:]$/,
    /^第|部分$|[（()）]/g,
    /^\d$/,
    /[\s|]+/,
    /^\d+$/,
    /(\d{4})\s*年\s*(?:度\s*)?(?:政府信息公开|政務公開|政府信息公開|政务公开)/,
    /^\s*#+\s*/,
    /(年度报告|年报|年度报)/,
    /^\s*#+\s*/,
    /[。，,：:]/,
    /\d{4}/,
    /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|－|-|～|~)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
    /统计|統計|期限|时限/,
  ],
  'engine/parse/grid.ts': [
    /^\s*#{1,6}\s+/,
  ],
  'engine/parse/labels.ts': [
    /^(?:\(?[一二三四五六七八九十]{1,2}\)?|\d{1,2})$/,
    /\d$/,
    /^\d+/,
    /\d$/,
    /[()]/g,
  ],
  'engine/parse/regions.ts': [
    /第二十条第?\(?([一二三四五六七八九十]{1,2})\)?项/,
    /(?:(?:\s+[\d,.]+){3,}|\s{2,}[\d,.]+)\s*$/,
    /[。！？]/,
    /[)）]$/,
    /[，,；;]/,
    /第\s*二\s*十\s*[条條]|勾\s*稽|申\s*[请請]\s*人\s*情|本\s*年\s*新\s*收|申\s*[请請]\s*[数數]\s*量|行\s*政\s*[复復複]\s*[议議]/,
    /^\s*(?:\d+\s+){14}\d+\s*$/,
    /^[一二]/,
    /\d.*$/,
    /\d/,
  ],
  'engine/parse/stream.ts': [
    /^[\u4e00-\u9fff]+$/,
    /\(/g,
    /\)/g,
    /^[^\u4e00-\u9fff]*$/,
    /^[xX×＊*某若干件条个]+$/,
  ],
  'engine/parse/tables.ts': [
    /[()]/g,
    /^\d+$/,
  ],
  'engine/parse/values.ts': [
    /^(\d+|\d{1,3}(?:,\d{3})+)(?:件|条|个|项)?$/,
    /^(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)(万元|万)?$/,
    /^(增|减|\+|-)?(\d+)(?:件|条|个|项)?$/,
    /^(\d+(?:\.\d+)?)(万元|万|元)?$/,
    /^(?:约|近|逾)/,
    /[^\x00-\x7f]/,
    /[萬減約條個項]/g,
    /^-\d+$/,
    /,/g,
    /,/g,
  ],
  'engine/parse/tokens.ts': [
    /^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?)\s*$/,
    /^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$/,
    /^[\s|]*$/,
    /^\s*#{1,6}\s+/,
    /\S+/g,
  ],
  'engine/parser.ts': [
    /(20\d{2})\s*年/,
  ],
  'engine/preview.ts': [
    /\*\*/g,
    /\\(.)/g,
    /（[^（）]*）$/,
    /^\d/,
    /（区分处理的，只计这一情形，不计其他情形）$/,
  ],
  'engine/rule.ts': [
    /\{(\w+)\}/g,
  ],
  'engine/template.ts': [
    /[（(]请在此[^（()）\n]{0,300}[）)]/g,
    /^(.+?)(?:（(.+)）)?$/,
  ],
  'engine/text.ts': [
    /[\s\p{P}\p{S}\p{Cf}]/u,
    /[0-9A-Za-z]/,
    /\p{Cf}/gu,
    /^\p{Cf}$/u,
    /\s+/g,
    /\d[\s\p{Cf}]+\d/u,
    /[0-9]/,
    /^(?:约|約|近|逾)?(?:[+-]|增|减|減)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|万|萬元|萬|元|件|条|條|个|個|项|項)?$/,
    /^[/／\-－—–─_]+$/,
  ],
  'inlayHints.ts': [
    /^[\s|｜]*$/,
    /（[^（）]*）$/,
  ],
  'outline.ts': [
    /^[\s#]+/,
  ],
  'projectFiles.ts': [
    /\.(txt|md)$/i,
    /^\uFEFF/,
  ],
  'engine/parse/rows.ts': [
    /^[(（]/,
    /^[一二三四五六七八九十]+[、.]/,
    /^\d+[.、]/,
  ],
};

// Patterns built with `new RegExp`, rebuilt from the constants of their files.
const UNIT = '件|条|个|次|篇|期|项|份|场|人次|万元';
const DATE_OR_UNIT = `${UNIT}|元|%|％|年|月|日|号`;
const SPACE = String.raw`[ \t\u3000]*`;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)`;
const GAP = String.raw`[^\d，,。；;！？!?：:\n]`;
/** Keywords of narrative-number's phrases that differ in shape (alternations, optional parts, a lookbehind), with their gaps. */
const PHRASES: [keyword: string, gapMax: number][] = [
  ['受理|收到|接收|接到|新收', 20],
  ['上一?年度?结转', 10],
  ['(?:结转|顺延|转入|转至)(?:至|到|入)?下一?年度?', 8],
  ['(?<!主动)予以公开', 6],
  ['(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件', 4],
  // Two result rows named together ("予以公开及部分公开42件").
  ['(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(?:(?:及|和|与|、|或)(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理))+', 4],
];

const CONSTRUCTED: Record<string, RegExp[]> = {
  'engine/checks/narrative-number.ts': [
    /主动|结转|上年|及|和|与|、|或|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理/,
    ...PHRASES.map(([keyword, gapMax]) => new RegExp(`(?:${keyword})(${GAP}{0,${gapMax}})${NUMBER}`, 'g')),
    new RegExp(String.raw`(\d{1,3}(?:,\d{3})+|\d+)\s*件(${GAP}{0,6}?)(?:结转|顺延)(?:至|到|入)?下一?年`, 'g'),
    new RegExp(`(结果维持|维持|结果纠正|纠正|其他结果|尚未审结|未审结|正在审理|审理中)(${GAP}{0,3})${NUMBER}`, 'g'),
    /(?:其中|按时|按期|如期|当场|当日|延期|逾期|超期|现场|网上|线上|书面|邮寄|信函|当面)[地的]?$/,
  ],
  'engine/checks/placeholder.ts': [
    new RegExp(
      String.raw`[ \t\u3000](?<=[\u4e00-\u9fff][ \t\u3000])(?<![一二三四五六七八九十百千万亿两零〇几余多数每若第各][ \t\u3000])[ \t\u3000]*(?:${UNIT})(?=[，,。；;、）)：:]|\s|$|其中)`,
      'gm',
    ),
    new RegExp(String.raw`(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×])[XxＸｘ×]{1,2}${SPACE}月${SPACE}[XxＸｘ×]{1,2}${SPACE}日`, 'g'),
    new RegExp(String.raw`(?:19|20|１９|２０)[XxＸｘ×]{2}${SPACE}年`, 'g'),
    new RegExp(String.raw`(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×])[XxＸｘ×]{1,3}(?![A-Za-zＸｘ×])${SPACE}(?:${DATE_OR_UNIT}|名|人)`, 'g'),
    new RegExp(String.raw`(?<![一二三四五六七八九十零〇○\d])[〇○]{2,}${SPACE}(?:${DATE_OR_UNIT})`, 'g'),
    new RegExp(String.raw`(?<![*＊])(?:\*{2,}|＊{2,})${SPACE}(?:${DATE_OR_UNIT})(?![\u4e00-\u9fff])`, 'g'),
    new RegExp(String.raw`(?<![_＿])[_＿]{2,}${SPACE}(?:${DATE_OR_UNIT})`, 'g'),
  ],
};

/** How many `new RegExp` sites each file has; CONSTRUCTED rebuilds what they make. */
const CONSTRUCTED_SITES: Record<string, number> = {
  'engine/checks/narrative-number.ts': 5,
  'engine/checks/placeholder.ts': 7,
};

/** Regexes applied only to text of bounded length, where super-linear is harmless: skipped, with where the bound is. */
const BOUNDED = new Map<string, string>([
  [String(/^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?([一二三四五六七八九十]{1,2})(\s*[、.．,，]\s*|\s+)(\S.*?)(?:\*\*|__)?\s*$/), 'headings.ts headingCandidate tests only lines of ≤ 80 characters'],
  [String(/^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?(第[一二三四五六]部分|[1-6]|[（(][一二三四五六][)）])(\s*[、.．:：]\s*|\s*)(\S.*?)(?:\*\*|__)?\s*$/), 'headings.ts headingCandidate tests only lines of ≤ 80 characters'],
  [String(/(?:\d{4}|[〇零一二三四五六七八九]{4})年.*政府信息公开(?:工作)?年度报告/), 'detect.ts tests a title on at most 120 characters of a line'],
  [String(/^(.+?)(?:（(.+)）)?$/), 'template.ts reads the labels of format.ts, never user text'],
]);

// ---------------------------------------------------------------------------------------------
// Adversarial inputs: a run of one piece, ended by a character no pattern expects (so that a
// pattern anchored at the end must give up at every start position).

const PIECES = [
  '9', '1 ', ' 1', '1,', '1.', '12件', ' ', '\t', '\t1', '\u3000', '\n', '\r\n', '1\n', '|', '| 1 ', ' |',
  '(', ')', '（', '）', '（（（', '第二十条第(', '第二十条第（', '一、', '（一）', '1、', '-', '—', '- 1 -', '#', '# ',
  'X', '×', '〇', '*', '_', '年', '件', '，', '。', '，1 ', 'a', '政府', '申请', '结转', '维持', '受理', '2024年',
];
/** A prefix that takes a pattern into the state where the piece repeats. */
const PREFIXED: [prefix: string, piece: string][] = [
  ['一、a', ' '], ['一、', ' a'], ['# 一、', ' '], ['12', ' '], ['2024年', ' '], ['2024年1月1日', ' '], ['第二十条第', '('],
  ['第1页', ' '], ['- 1 -', ' '], ['---', ' '], ['| --- ', ' '], ['XX', ' '], ['〇〇', ' '], ['12件', ' '], ['受理', 'a'],
  ['受理', '，'], ['12件', 'a'], ['（', '一'], ['申请人情况\n', '0 '],
];
/** Ends every input: a character no pattern expects, so one anchored at the end fails at every start. */
const END = '\u0000x';

interface Family {
  name: string;
  make(length: number): string;
}

const repeat = (piece: string, length: number) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
const family = (prefix: string, piece: string): Family => ({
  name: prefix ? `${JSON.stringify(prefix)} + ${JSON.stringify(piece)}` : JSON.stringify(piece),
  make: (length) => prefix + repeat(piece, length) + END,
});
const FAMILIES = [...PIECES.map((piece) => family('', piece)), ...PREFIXED.map(([prefix, piece]) => family(prefix, piece))];
/** What parseReport and checkText get: the families that reach the table readers and the line tests. */
const ENGINE_FAMILIES = [
  ...['9', '1 ', ' 1', '1,', '1、', ' ', '\t', '\u3000', '|', '| 1 ', '（', '（（（', '第二十条第（', '一、', '- 1 -', '#', 'X', '，1 ', '\n', 'a'].map((piece) => family('', piece)),
  family('申请人情况\n', '0 '), family('第1页', ' '), family('2024年', ' '), family('---', ' '),
];

// ---------------------------------------------------------------------------------------------
// Growth

/** Fastest of a few runs: the least disturbed by GC and by other processes. */
function fastest(work: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

interface Growth {
  samples: [length: number, ms: number][];
  /** Worst time ratio over a fourfold length, among steps whose base is long enough to time. */
  worstRatio: number;
}

/**
 * Times `work` on lengths growing fourfold from `first` to `last`, stopping once a run takes
 * `stopMs` (a super-linear pattern shows long before the largest input, which it would take
 * minutes on). Linear work grows 4× per step; "doubling ≤ 3× time" allows 9×.
 */
function growth(work: (length: number) => void, first: number, last: number, stopMs: number, floorMs: number): Growth {
  const samples: [number, number][] = [];
  for (let length = first; length <= last; length *= 4) {
    const ms = fastest(() => work(length), 1);
    samples.push([length, ms]);
    if (ms > stopMs) break;
  }
  let worstRatio = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1][1] < floorMs) continue;
    // Re-time a suspicious step before believing it: a pause elsewhere can fake one.
    let ratio = samples[i][1] / samples[i - 1][1];
    if (ratio > 9) ratio = fastest(() => work(samples[i][0]), 4) / fastest(() => work(samples[i - 1][0]), 6);
    worstRatio = Math.max(worstRatio, ratio);
  }
  return { samples, worstRatio };
}

const describeGrowth = (g: Growth) => g.samples.map(([n, ms]) => `${n / 1024}k: ${ms.toFixed(2)} ms`).join(', ');

/** Runs a regex the way the engine does: every match of a global or sticky one, else one exec. */
function exercise(regex: RegExp, text: string): void {
  if (!regex.global && !regex.sticky) {
    regex.exec(text);
    return;
  }
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
  }
}

/** Inputs are made once and shared by every regex. */
const inputs = new Map<string, string>();
function input(family: Family, length: number): string {
  const key = `${family.name}/${length}`;
  let text = inputs.get(key);
  if (text === undefined) inputs.set(key, (text = family.make(length)));
  return text;
}

function unique(regexes: RegExp[]): RegExp[] {
  const seen = new Map<string, RegExp>();
  for (const regex of regexes) seen.set(String(regex), regex);
  return [...seen.values()];
}

describe('every regex over user text is linear', () => {
  const files = [...new Set([...Object.keys(LITERALS), ...Object.keys(CONSTRUCTED)])].sort();
  for (const file of files) {
    for (const regex of unique([...(LITERALS[file] ?? []), ...(CONSTRUCTED[file] ?? [])])) {
      const key = String(regex);
      const bounded = BOUNDED.get(key);
      test(`${file} ${key}`, { skip: bounded }, () => {
        const slow: string[] = [];
        for (const family of FAMILIES) {
          const g = growth((length) => exercise(regex, input(family, length)), 4096, 262144, 20, 1);
          if (g.worstRatio > 9) slow.push(`${family.name}: ${describeGrowth(g)}`);
        }
        assert.deepEqual(slow, [], `super-linear on:\n${slow.join('\n')}`);
      });
    }
  }
});

describe('parseReport and checkText are linear on the same inputs', () => {
  const report = sharedTexts('seeds').find((s) => s.name.startsWith('003'))!.text;
  const inTable = report.indexOf('（一）予以公开');
  const row = REQUEST_ROWS[0].label;
  const contexts: [name: string, wrap: (line: string) => string][] = [
    ['alone', (line) => line],
    ['as a row of table 三', (line) => report.slice(0, inTable) + row + line + '\n' + report.slice(inTable)],
  ];
  for (const [context, wrap] of contexts) {
    for (const family of ENGINE_FAMILIES) {
      const name = `${family.name}, ${context}`;
      test(name, () => {
        // checkText parses first, so it covers parseReport; the parser alone is timed only when it is slow.
        const g = growth((length) => checkText(wrap(family.make(length))), 4096, 65536, 300, 5);
        const parse = g.worstRatio > 9 ? growth((length) => parseReport(wrap(family.make(length))), 4096, 65536, 300, 5) : undefined;
        assert.ok(g.worstRatio <= 9, `super-linear: checkText ${describeGrowth(g)}${parse ? `; parseReport ${describeGrowth(parse)}` : ''}`);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Drift: the list above is every regex of server/src.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('the list holds every regex of server/src, and nothing else', () => {
  const root = join(repoRoot, 'server', 'src');
  const found: Record<string, string[]> = {};
  const sites: Record<string, number> = {};
  for (const path of sourceFiles(root)) {
    const file = path.slice(root.length + 1).split('\\').join('/');
    const source = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source);
        const slash = literal.lastIndexOf('/');
        (found[file] ??= []).push(String(new RegExp(literal.slice(1, slash), literal.slice(slash + 1))));
      }
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'RegExp') sites[file] = (sites[file] ?? 0) + 1;
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const listed = Object.fromEntries(Object.entries(LITERALS).map(([file, regexes]) => [file, regexes.map(String).sort()]));
  const actual = Object.fromEntries(Object.entries(found).map(([file, regexes]) => [file, regexes.sort()]));
  assert.deepEqual(actual, listed, 'a regex literal was added, changed or removed in server/src: update LITERALS in test/fuzz/regex.test.ts');
  assert.deepEqual(sites, CONSTRUCTED_SITES, 'a `new RegExp` was added or removed in server/src: update CONSTRUCTED in test/fuzz/regex.test.ts');
});
