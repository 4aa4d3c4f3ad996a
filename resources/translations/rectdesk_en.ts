<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BackupModel</name>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
</context>
<context>
    <name>BackupRestoreDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从所选备份恢复…</source>
        <translation>Restore from selected backup…</translation>
    </message>
    <message>
        <source>打开备份文件夹</source>
        <translation>Open backup folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>台账：{0}
备份位置：{1}
关闭台账时、每天第一次修改后和每次导入前自动备份；保留最近 10 份、近 8 周每周一份、近 12 个月每月一份。</source>
        <translation>Register: {0}
Backup folder: {1}
Backed up automatically on closing, after the first change of each day and before every import; keeps the last 10, one a week for 8 weeks and one a month for 12 months.</translation>
    </message>
    <message>
        <source>正在备份台账…</source>
        <translation>Backing up the register…</translation>
    </message>
    <message>
        <source>已备份并校验：{0}（{1}）</source>
        <translation>Backed up and verified: {0} ({1})</translation>
    </message>
    <message>
        <source>用 {0} 的{1}替换当前台账？

该时间之后录入或导入的内容将不在恢复后的台账中。当前台账会另存为“{2}”，不会删除。</source>
        <translation>Replace the current register with the backup of {0} ({1})?

Anything entered or imported after that time will not be in the restored register. The current register is kept as “{2}”, not deleted.</translation>
    </message>
    <message>
        <source>正在恢复台账…</source>
        <translation>Restoring the register…</translation>
    </message>
    <message>
        <source>{0}

仍要用它替换当前台账吗？</source>
        <translation>{0}

Replace the current register with it all the same?</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>已从备份恢复台账。</source>
        <translation>The register was restored from the backup. </translation>
    </message>
    <message>
        <source>恢复前的台账已另存为：{0}</source>
        <translation>The register as it was before is kept as: {0}</translation>
    </message>
    <message>
        <source>备份与恢复…</source>
        <translation>Backup and restore…</translation>
    </message>
</context>
<context>
    <name>BulletinExportDialog</name>
    <message>
        <source>导出整改进展通报</source>
        <translation>Export progress bulletin</translation>
    </message>
    <message>
        <source>全部问题</source>
        <translation>All problems</translation>
    </message>
    <message>
        <source>有整改进展的问题</source>
        <translation>Problems with progress</translation>
    </message>
    <message>
        <source>按类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>每项后注明整改状态</source>
        <translation>State the status after each item</translation>
    </message>
    <message>
        <source>“1.”级标题加粗</source>
        <translation>Bold &quot;1.&quot; headings</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>规范中文标点（半角，；：（）改为全角，数字、网址除外）</source>
        <translation>Normalise Chinese punctuation (half-width ,;:() to full-width, except in numbers and URLs)</translation>
    </message>
    <message>
        <source>默认模板（GB/T 9704-2012）</source>
        <translation>Default template (GB/T 9704-2012)</translation>
    </message>
    <message>
        <source>进展截至</source>
        <translation>Progress as of</translation>
    </message>
    <message>
        <source>成文日期</source>
        <translation>Date of issue</translation>
    </message>
    <message>
        <source>包括</source>
        <translation>Include</translation>
    </message>
    <message>
        <source>密级/标注</source>
        <translation>Marking</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>预览（正文文字，格式以导出的 Word 文件为准）</source>
        <translation>Preview (body text only; the exported Word file has the final layout)</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 个问题</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>保存通报</source>
        <translation>Save bulletin</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>正在生成通报…</source>
        <translation>Generating the bulletin…</translation>
    </message>
    <message>
        <source>已导出：%1
%2</source>
        <translation>Exported: %1
%2</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>整改进展通报…</source>
        <translation>Progress bulletin…</translation>
    </message>
</context>
<context>
    <name>CampaignModel</name>
    <message>
        <source>整改任务</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>%1，%2 个问题</source>
        <translation>%1, %2 problems</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>保存冲突</source>
        <translation>Save conflict</translation>
    </message>
    <message>
        <source>另一台工作站在您编辑期间保存了同一项内容（您打开的是第 %1 版，现为第 %2 版）。您的修改尚未保存，请选择保留哪一方：</source>
        <translation>Another workstation saved this item while you were editing it (you opened version %1, it is now version %2). Your changes are not saved yet; choose which to keep:</translation>
    </message>
    <message>
        <source>保留我的修改</source>
        <translation>Keep my changes</translation>
    </message>
    <message>
        <source>采用对方的内容</source>
        <translation>Use theirs</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>内容</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>我的修改（未保存）</source>
        <translation>Mine (not saved)</translation>
    </message>
    <message>
        <source>其他工作站已保存的</source>
        <translation>Saved by the other workstation</translation>
    </message>
</context>
<context>
    <name>ConnectServerDialog</name>
    <message>
        <source>连接服务器</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>多台工作站可同时编辑服务器上的同一本台账。佐证材料存放在台账设置的共享文件夹中；服务器的备份由信息化部门用 pg_dump 完成。</source>
        <translation>Several workstations can edit the same register on the server at once. Evidence files are kept in the shared folder set for the register; the IT department backs up the server with pg_dump.</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>无法连接服务器</source>
        <translation>Cannot connect to the server</translation>
    </message>
    <message>
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <source>连接服务器…</source>
        <translation>Connect to server…</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>现行时限</source>
        <translation>Deadline in force</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>{0}（已延期）</source>
        <translation>{0} (extended)</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>推进中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>每周完成措施数</source>
        <translation>Measures completed per week</translation>
    </message>
    <message>
        <source>（另有 {0} 项未记录完成日期）</source>
        <translation> ({0} more without a completion date)</translation>
    </message>
    <message>
        <source>完成数</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>仪表盘</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>销号…</source>
        <translation>Sign off…</translation>
    </message>
    <message>
        <source>整改时限与延期…</source>
        <translation>Deadline and extensions…</translation>
    </message>
    <message>
        <source>回头看…</source>
        <translation>Re-check…</translation>
    </message>
    <message>
        <source>到期提醒</source>
        <translation>Deadline reminders</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <source>按责任部门</source>
        <translation>By lead department</translation>
    </message>
    <message>
        <source>按责任领导</source>
        <translation>By responsible leader</translation>
    </message>
    <message>
        <source>完成趋势</source>
        <translation>Completion trend</translation>
    </message>
    <message>
        <source>逾期措施</source>
        <translation>Overdue measures</translation>
    </message>
    <message>
        <source>临期及即将到期措施</source>
        <translation>Measures due soon</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>打印仪表盘…</source>
        <translation>Print dashboard…</translation>
    </message>
    <message>
        <source>措施完成率</source>
        <translation>Measures done</translation>
    </message>
    <message>
        <source>问题完成率</source>
        <translation>Problems done</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>正在推进</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>长期坚持</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Coming up</translation>
    </message>
    <message>
        <source>已销号问题</source>
        <translation>Problems signed off</translation>
    </message>
    <message>
        <source>待回头看</source>
        <translation>Re-checks due</translation>
    </message>
    <message>
        <source>待审批延期</source>
        <translation>Extensions pending</translation>
    </message>
    <message>
        <source>另存为图片…</source>
        <translation>Save as image…</translation>
    </message>
    <message>
        <source>{0}&#x3000;截至 {1}</source>
        <translation>{0}  as of {1}</translation>
    </message>
    <message>
        <source>各责任部门措施（完成 / 推进中 / 逾期）</source>
        <translation>Measures by lead department (done / in progress / overdue)</translation>
    </message>
    <message>
        <source>各责任领导措施（完成 / 推进中 / 逾期）</source>
        <translation>Measures by responsible leader (done / in progress / overdue)</translation>
    </message>
    <message>
        <source>临期（{0} 天内）</source>
        <translation>Due soon (within {0} days)</translation>
    </message>
    <message>
        <source>即将到期（{0} 天内）</source>
        <translation>Coming up (within {0} days)</translation>
    </message>
    <message>
        <source>无法保存图片</source>
        <translation>Could not save the image</translation>
    </message>
    <message>
        <source>保存图表</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>无法开始打印</source>
        <translation>Could not start printing</translation>
    </message>
    <message>
        <source>打印仪表盘</source>
        <translation>Print dashboard</translation>
    </message>
</context>
<context>
    <name>DepartmentModel</name>
    <message>
        <source>需反馈的措施</source>
        <translation>Measures to report on</translation>
    </message>
</context>
<context>
    <name>DetailHistoryModel</name>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>措施%1</source>
        <translation>Measure %1</translation>
    </message>
    <message>
        <source>措施%1进展</source>
        <translation>Measure %1 progress</translation>
    </message>
    <message>
        <source>措施%1延期</source>
        <translation>Measure %1 extension</translation>
    </message>
    <message>
        <source>措施%1佐证材料</source>
        <translation>Measure %1 evidence</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>请在左侧选择一个问题或整改措施</source>
        <translation>Select a problem or measure on the left</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>History</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>这个台账还没有整改任务</source>
        <translation>This register has no campaign yet</translation>
    </message>
    <message>
        <source>新建一个整改任务开始录入问题和整改措施；已有巡视巡察反馈意见、整改方案或整改台账的，可直接导入；也可以先打开示例台账看看。</source>
        <translation>Start a new campaign to enter problems and measures; if you have the inspection&apos;s feedback, a rectification plan or a ledger, import it; or look at the demo register first.</translation>
    </message>
    <message>
        <source>新建整改任务…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <source>导入通报、方案或台账…</source>
        <translation>Import a bulletin, plan or ledger…</translation>
    </message>
    <message>
        <source>打开示例台账</source>
        <translation>Open demo register</translation>
    </message>
</context>
<context>
    <name>EvidenceCheck</name>
    <message>
        <source>检查台账</source>
        <translation>Check register</translation>
    </message>
    <message>
        <source>清理多余文件</source>
        <translation>Remove stray files</translation>
    </message>
    <message>
        <source>发现损坏：缺失或被改动的佐证材料，请找回原件后在同一问题或措施下重新添加，即可修复（自动备份只含台账数据库，不含材料文件）。</source>
        <translation>Damage found: for missing or altered evidence, find the original file and attach it again to the same problem or measure to repair it (automatic backups hold the register database, not the evidence files).</translation>
    </message>
    <message>
        <source>台账完好；有不被任何记录引用的多余文件，可以清理。</source>
        <translation>The register is sound; some stray files are not used by any record and can be removed.</translation>
    </message>
    <message>
        <source>台账完好，所有佐证材料文件与登记的校验值一致。</source>
        <translation>The register is sound; every evidence file matches its recorded checksum.</translation>
    </message>
    <message>
        <source>正在清理…</source>
        <translation>Removing…</translation>
    </message>
    <message>
        <source>请先打开一个台账。</source>
        <translation>Open a register first.</translation>
    </message>
    <message>
        <source>正在检查台账并校验佐证材料文件…</source>
        <translation>Checking the register and verifying evidence files…</translation>
    </message>
    <message>
        <source>导出佐证材料包</source>
        <translation>Export evidence package</translation>
    </message>
    <message>
        <source>请先选择一个整改任务。</source>
        <translation>Select a campaign first.</translation>
    </message>
    <message>
        <source>该整改任务还没有佐证材料。请先在“佐证材料”页签添加文件。</source>
        <translation>This campaign has no evidence yet. Add files on the Evidence tab first.</translation>
    </message>
    <message>
        <source>压缩包 (*.zip)</source>
        <translation>Zip archives (*.zip)</translation>
    </message>
    <message>
        <source>正在导出佐证材料包…</source>
        <translation>Exporting the evidence package…</translation>
    </message>
</context>
<context>
    <name>EvidenceEditDialog</name>
    <message>
        <source>编辑佐证材料</source>
        <translation>Edit evidence</translation>
    </message>
    <message>
        <source>例如：宁环党〔2020〕12号</source>
        <translation>e.g. 宁环党〔2020〕12号</translation>
    </message>
    <message>
        <source>例如：2020-11-02 或 2020年11月2日</source>
        <translation>e.g. 2020-11-02 or 2020年11月2日</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>成文日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review note</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>成文日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <source>所属</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>制度文件</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>会议纪要</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>审核意见：%1</source>
        <translation>Review note: %1</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>请选择一个问题或整改措施；可将文件或文件夹拖放到这里添加佐证材料。</source>
        <translation>Select a problem or measure; drop files or folders here to attach evidence.</translation>
    </message>
    <message>
        <source>本措施</source>
        <translation>This measure</translation>
    </message>
    <message>
        <source>本问题及其措施</source>
        <translation>This problem and its measures</translation>
    </message>
    <message>
        <source>%1共有佐证材料 %2 份（可拖放文件或文件夹到此处添加）</source>
        <translation>%1: %2 evidence item(s) (drop files or folders here to add more)</translation>
    </message>
    <message>
        <source>选择佐证材料文件</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>选择包含佐证材料的文件夹</source>
        <translation>Choose a folder of evidence</translation>
    </message>
    <message>
        <source>请先选择一个问题或整改措施。</source>
        <translation>Select a problem or measure first.</translation>
    </message>
    <message>
        <source>正在添加佐证材料…</source>
        <translation>Attaching evidence…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>添加佐证材料</source>
        <translation>Attach evidence</translation>
    </message>
    <message>
        <source>正在添加：%1</source>
        <translation>Attaching: %1</translation>
    </message>
    <message>
        <source>已添加 %1 份佐证材料。</source>
        <translation>Attached %1 evidence item(s).</translation>
    </message>
    <message>
        <source>已存在，未重复添加：%1</source>
        <translation>Already attached, skipped: %1</translation>
    </message>
    <message>
        <source>已取消，未添加任何佐证材料。</source>
        <translation>Cancelled; no evidence was attached.</translation>
    </message>
    <message>
        <source>无法添加佐证材料</source>
        <translation>Cannot attach evidence</translation>
    </message>
    <message>
        <source>编辑佐证材料</source>
        <translation>Edit evidence</translation>
    </message>
    <message>
        <source>无法打开佐证材料</source>
        <translation>Cannot open evidence</translation>
    </message>
    <message>
        <source>系统中没有可以打开此类文件的程序：%1</source>
        <translation>No program on this computer opens this kind of file: %1</translation>
    </message>
    <message>
        <source>删除佐证材料“%1”？文件仍保留在材料库中，直到“检查台账”清理。</source>
        <translation>Remove the evidence “%1”? The file stays in the evidence store until “Check register” removes it.</translation>
    </message>
    <message>
        <source>已删除：%1</source>
        <translation>Removed: %1</translation>
    </message>
    <message>
        <source>删除佐证材料</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <source>选择一份材料即可在此预览图片和 PDF</source>
        <translation>Select an item to preview images and PDFs here</translation>
    </message>
    <message>
        <source>文件缺失，请运行“帮助 → 检查台账”</source>
        <translation>The file is missing: run “Help → Check register”</translation>
    </message>
    <message>
        <source>此类文件不能预览，请点击“打开”用系统程序查看</source>
        <translation>This kind of file cannot be previewed: click “Open” to view it in its program</translation>
    </message>
    <message>
        <source>无法识别的图片格式，请点击“打开”用系统程序查看</source>
        <translation>Unrecognised image format: click “Open” to view it in its program</translation>
    </message>
    <message>
        <source>无法读取此 PDF，请点击“打开”用系统程序查看</source>
        <translation>Cannot read this PDF: click “Open” to view it in its program</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>佐证材料包…</source>
        <translation>Evidence package…</translation>
    </message>
    <message>
        <source>检查台账…</source>
        <translation>Check register…</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>申请延期</source>
        <translation>Request an extension</translation>
    </message>
    <message>
        <source>提交申请</source>
        <translation>Submit request</translation>
    </message>
    <message>
        <source>延期至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>审批延期申请</source>
        <translation>Decide the extension request</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>整改时限与延期 - 措施 {0}</source>
        <translation>Deadline and extensions - measure {0}</translation>
    </message>
    <message>
        <source>整改时限：{0}</source>
        <translation>Deadline: {0}</translation>
    </message>
    <message>
        <source>未设时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>现行时限：{0}（经批准延期）</source>
        <translation>Deadline in force: {0} (extension approved)</translation>
    </message>
    <message>
        <source>• {0} {1} 申请延期至 {2}：{3}【{4}{5}】</source>
        <translation>• {0} {1} asked for an extension to {2}: {3} [{4}{5}]</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>问题标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>回头看日期</source>
        <translation>Re-check date</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>整改成效</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>责任领导</source>
        <translation>Leaders</translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <source>配合部门</source>
        <translation>Cooperating departments</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Completed on</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>查找：编号、文字、人员、部门、日期</source>
        <translation>Find: no., text, person, date</translation>
    </message>
    <message>
        <source>按编号（7 或 7.2）、问题和措施的文字、进展、人员、部门或日期查找</source>
        <translation>Find by number (7 or 7.2), the text of problems and measures, progress, people, departments or dates</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
</context>
<context>
    <name>FormsExportDialog</name>
    <message>
        <source>导出部门反馈表</source>
        <translation>Export department feedback forms</translation>
    </message>
    <message>
        <source>也列出已完成的措施</source>
        <translation>Also list completed measures</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>导出到文件夹…</source>
        <translation>Export to folder…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>报送截止日期</source>
        <translation>Reply due by</translation>
    </message>
    <message>
        <source>每个勾选的责任部门生成一份反馈表（文件名为部门名称和报送截止日期）：</source>
        <translation>One feedback form per ticked department (file named after the department and the due date):</translation>
    </message>
    <message>
        <source>选择保存反馈表的文件夹</source>
        <translation>Choose a folder for the feedback forms</translation>
    </message>
    <message>
        <source>请至少勾选一个部门</source>
        <translation>Tick at least one department</translation>
    </message>
    <message>
        <source>正在生成反馈表…</source>
        <translation>Generating feedback forms…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>部门反馈表…</source>
        <translation>Department feedback forms…</translation>
    </message>
    <message>
        <source>周报…</source>
        <translation>Weekly report…</translation>
    </message>
</context>
<context>
    <name>FormsImportDialog</name>
    <message>
        <source>导入部门反馈表</source>
        <translation>Import department feedback forms</translation>
    </message>
    <message>
        <source>请选择各部门报回的反馈表（.xlsx）</source>
        <translation>Choose the feedback forms the departments sent back (.xlsx)</translation>
    </message>
    <message>
        <source>表单检查发现的问题会列在这里</source>
        <translation>Problems found when checking the forms are listed here</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>导入 / 采用表单</source>
        <translation>Import / use form</translation>
    </message>
    <message>
        <source>不导入 / 保留台账</source>
        <translation>Skip / keep register</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>所选行：</source>
        <translation>Selected rows:</translation>
    </message>
    <message>
        <source>选择部门反馈表</source>
        <translation>Choose department feedback forms</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在检查反馈表…</source>
        <translation>Checking the feedback forms…</translation>
    </message>
    <message>
        <source>%1（%2）：%3 条措施有反馈，%4 处冲突</source>
        <translation>%1 (%2): %3 measures with feedback, %4 conflicts</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>未能导入：%1</source>
        <translation>Could not import: %1</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>措施 %1 存在冲突，请逐条选择采用表单或保留台账</source>
        <translation>Measure %1 has conflicts: choose &quot;use form&quot; or &quot;keep register&quot; for each row</translation>
    </message>
    <message>
        <source>将导入 %1 条</source>
        <translation>%1 rows will be imported</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>调整顺序</source>
        <translation>Reordered</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>回头看</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Number</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>导入%1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>或把文字粘贴在这里（例如从 PDF 或网页复制），然后点“解析粘贴的文字”</source>
        <translation>Or paste text here (e.g. copied from a PDF or web page), then click &quot;Parse pasted text&quot;</translation>
    </message>
    <message>
        <source>解析粘贴的文字</source>
        <translation>Parse pasted text</translation>
    </message>
    <message>
        <source>问题 / 整改措施</source>
        <translation>Problem / measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>未识别的文字（导入后保留在整改任务中）</source>
        <translation>Unrecognised text (kept with the campaign after import)</translation>
    </message>
    <message>
        <source>作为问题添加</source>
        <translation>Add as problem</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>升为问题</source>
        <translation>Make problem</translation>
    </message>
    <message>
        <source>降为措施</source>
        <translation>Make measure</translation>
    </message>
    <message>
        <source>移出（保留为未识别文字）</source>
        <translation>Remove (keep as unrecognised text)</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose a file to import</translation>
    </message>
    <message>
        <source>支持 .docx、.pdf、网页（.html/.mhtml）和 .txt</source>
        <translation>.docx, .pdf, web pages (.html/.mhtml) and .txt are supported</translation>
    </message>
    <message>
        <source>需要核对（橙色）</source>
        <translation>To check (orange)</translation>
    </message>
    <message>
        <source>通报/方案/反馈意见 (*.docx *.pdf *.txt *.html *.htm *.mhtml);;所有文件 (*)</source>
        <translation>Bulletins, plans, feedback (*.docx *.pdf *.txt *.html *.htm *.mhtml);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading file…</translation>
    </message>
    <message>
        <source>粘贴的文字</source>
        <translation>pasted text</translation>
    </message>
    <message>
        <source>正在解析…</source>
        <translation>Parsing…</translation>
    </message>
    <message>
        <source>找到 %1 个问题、%2 条整改措施，%3 段文字未能识别；%4 条措施的状态由文字推断（黄色），%5 条措施找到了责任部门或时限（绿色）。</source>
        <translation>Found %1 problems and %2 measures; %3 paragraphs not recognised; %4 measure statuses inferred from the wording (yellow); owners or deadlines found for %5 measures (green).</translation>
    </message>
    <message>
        <source>需要核对 %1 处（橙色）</source>
        <translation>%1 items to check (orange)</translation>
    </message>
    <message>
        <source>根据文字推断，请核对</source>
        <translation>Inferred from the wording: please check</translation>
    </message>
    <message>
        <source>从文件中读出</source>
        <translation>Read from the file</translation>
    </message>
    <message>
        <source>无法修改</source>
        <translation>Cannot change</translation>
    </message>
    <message>
        <source>问题标题不能为空</source>
        <translation>The problem title cannot be empty</translation>
    </message>
    <message>
        <source>整改措施不能为空</source>
        <translation>The measure cannot be empty</translation>
    </message>
    <message>
        <source>无法识别的状态：请填写 未启动、正在推进、已完成 或 长期坚持</source>
        <translation>Unknown status: enter 未启动, 正在推进, 已完成 or 长期坚持</translation>
    </message>
    <message>
        <source>导入%1：%2</source>
        <translation>Imported %1: %2</translation>
    </message>
    <message>
        <source>正在写入台账…</source>
        <translation>Writing to the register…</translation>
    </message>
    <message>
        <source>这份文件已于此前导入为整改任务“%1”。</source>
        <translation>This document was imported before as the campaign &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>台账中已有同名的整改任务“%1”。</source>
        <translation>The register already has a campaign named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>重复导入</source>
        <translation>Imported before</translation>
    </message>
    <message>
        <source>更新：在原整改任务中补充新增的问题和措施，已有内容不变。</source>
        <translation>Update: add the new problems and measures to that campaign; what it holds stays as it is.</translation>
    </message>
    <message>
        <source>更新原整改任务</source>
        <translation>Update that campaign</translation>
    </message>
    <message>
        <source>作为新的整改任务导入</source>
        <translation>Import as a new campaign</translation>
    </message>
    <message>
        <source>已更新整改任务：新增 %1 个问题、%2 条整改措施（已有内容未改动）。</source>
        <translation>Campaign updated: %1 new problems and %2 new measures (nothing already there was changed).</translation>
    </message>
    <message>
        <source>已导入 %1 个问题、%2 条整改措施。</source>
        <translation>Imported %1 problems and %2 measures.</translation>
    </message>
    <message>
        <source>通报…</source>
        <translation>Bulletin…</translation>
    </message>
    <message>
        <source>方案…</source>
        <translation>Plan…</translation>
    </message>
    <message>
        <source>反馈意见…</source>
        <translation>Feedback…</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>导出整改台账</source>
        <translation>Export rectification ledger</translation>
    </message>
    <message>
        <source>A3 横向</source>
        <translation>A3 landscape</translation>
    </message>
    <message>
        <source>A4 横向</source>
        <translation>A4 landscape</translation>
    </message>
    <message>
        <source>每个问题一行（措施合并在一个单元格）</source>
        <translation>One row per problem (measures in one cell)</translation>
    </message>
    <message>
        <source>不分表</source>
        <translation>One sheet</translation>
    </message>
    <message>
        <source>每位责任领导一个工作表</source>
        <translation>One sheet per responsible leader</translation>
    </message>
    <message>
        <source>每个责任部门一个工作表</source>
        <translation>One sheet per lead department</translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>全部领导</source>
        <translation>All leaders</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>例如：内部资料 注意保存（每页页眉，所有导出共用）</source>
        <translation>e.g. Internal - keep safe (page header, used by every export)</translation>
    </message>
    <message>
        <source>进展截至</source>
        <translation>Progress as of</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>分表</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>页眉标注</source>
        <translation>Page marking</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>将导出 %1 个问题，%2 条措施</source>
        <translation>%1 problems, %2 measures will be exported</translation>
    </message>
    <message>
        <source>保存台账</source>
        <translation>Save ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出台账…</source>
        <translation>Exporting the ledger…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>整改台账（Excel）…</source>
        <translation>Rectification ledger (Excel)…</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <source>导入 Excel 台账</source>
        <translation>Import Excel ledger</translation>
    </message>
    <message>
        <source>正在写入台账…</source>
        <translation>Writing to the register…</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>Excel 台账…</source>
        <translation>Excel ledger…</translation>
    </message>
    <message>
        <source>已导入 %1 个问题、%2 条整改措施。</source>
        <translation>Imported %1 problems and %2 measures.</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>LedgerMappingPage</name>
    <message>
        <source>核对列对应</source>
        <translation>Check the column mapping</translation>
    </message>
    <message>
        <source>左边是台账中的列，右边是导入后的字段；不需要的列选“不导入”。</source>
        <translation>Left: the ledger&apos;s columns; right: the field each becomes. Choose &quot;Do not import&quot; for columns you do not need.</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Do not import</translation>
    </message>
</context>
<context>
    <name>LedgerPreviewPage</name>
    <message>
        <source>预览并导入</source>
        <translation>Preview and import</translation>
    </message>
    <message>
        <source>以下是将要导入的内容；点击“完成”才会写入台账。</source>
        <translation>This is what will be imported; nothing is written until you click Finish.</translation>
    </message>
    <message>
        <source>新建整改任务</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>追加到已有整改任务</source>
        <translation>Append to campaign</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>正在读取台账…</source>
        <translation>Reading the ledger…</translation>
    </message>
    <message>
        <source>台账中已有整改任务“%1”：默认补充到该任务（只添加新的问题和措施，已有内容不变）；也可改选“新建整改任务”。</source>
        <translation>The register already has the campaign &quot;%1&quot;: by default the ledger updates it (only new problems and measures are added); choose &quot;New campaign&quot; to import it separately.</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>无法导入：请修改 Excel 文件或返回上一步调整后重试。</source>
        <translation>Cannot import: correct the Excel file, or go back and adjust, then try again.</translation>
    </message>
</context>
<context>
    <name>LedgerPrint</name>
    <message>
        <source>打印台账</source>
        <translation>Print ledger</translation>
    </message>
    <message>
        <source>打印台账…</source>
        <translation>Print ledger…</translation>
    </message>
</context>
<context>
    <name>LedgerSourcePage</name>
    <message>
        <source>选择 Excel 台账</source>
        <translation>Choose an Excel ledger</translation>
    </message>
    <message>
        <source>表头行已自动识别；如不正确，请改为表头（列名）所在的行号。</source>
        <translation>The header row was detected; if it is wrong, enter the number of the row holding the column names.</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>表头行</source>
        <translation>Header row</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbook (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>没有自动识别出表头行，请填写表头所在的行号。</source>
        <translation>No header row was detected: enter the number of the header row.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>没有找到与“%1”相符的问题。可按编号（如 7 或 7.2）、文字、人名、部门或日期查找；视图 → 清除筛选 显示全部。</source>
        <translation>No problem matches &quot;%1&quot;. Search by number (7 or 7.2), words, names, departments or dates; View → Clear filters shows everything.</translation>
    </message>
    <message>
        <source>问题 %1 个：已完成 %2 · 正在推进 %3 · 未启动 %4 · 长期坚持 %5 · 其中逾期 %6</source>
        <translation>Problems %1: done %2 · in progress %3 · not started %4 · long term %5 · overdue %6</translation>
    </message>
    <message>
        <source>（显示 %1 个）</source>
        <translation> (%1 shown)</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>整改台账</source>
        <translation>RectDesk Rectification Register</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建整改任务…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <source>新建台账…</source>
        <translation>New register…</translation>
    </message>
    <message>
        <source>打开台账…</source>
        <translation>Open register…</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent registers</translation>
    </message>
    <message>
        <source>打开示例台账</source>
        <translation>Open demo register</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>新增问题…</source>
        <translation>New problem…</translation>
    </message>
    <message>
        <source>新增整改措施…</source>
        <translation>New measure…</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>导出(&amp;X)</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>关于 RectDesk…</source>
        <translation>About RectDesk…</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>无法打开台账</source>
        <translation>Cannot open the register</translation>
    </message>
    <message>
        <source>请注意</source>
        <translation>Please note</translation>
    </message>
    <message>
        <source>%1

以只读方式打开查看吗？（可以查看、查找和导出，不能修改）</source>
        <translation>%1

Open it read-only? (You can view, search and export, not change.)</translation>
    </message>
    <message>
        <source>台账正在使用</source>
        <translation>Register in use</translation>
    </message>
    <message>
        <source>新建台账</source>
        <translation>New register</translation>
    </message>
    <message>
        <source>整改台账.rectdesk</source>
        <translation>Register.rectdesk</translation>
    </message>
    <message>
        <source>RectDesk 台账 (*.rectdesk)</source>
        <translation>RectDesk registers (*.rectdesk)</translation>
    </message>
    <message>
        <source>文件已存在：%1

要使用它，请选择“打开台账”。</source>
        <translation>The file already exists: %1

To use it, choose Open register.</translation>
    </message>
    <message>
        <source>打开台账</source>
        <translation>Open register</translation>
    </message>
    <message>
        <source>RectDesk 台账 (*.rectdesk);;所有文件 (*)</source>
        <translation>RectDesk registers (*.rectdesk);;All files (*)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>新建整改任务</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>请先打开或新建一个台账（文件 → 打开台账 / 新建台账）。</source>
        <translation>Open or create a register first (File → Open register / New register).</translation>
    </message>
    <message>
        <source>整改任务名称：</source>
        <translation>Campaign title:</translation>
    </message>
    <message>
        <source>重命名整改任务…</source>
        <translation>Rename campaign…</translation>
    </message>
    <message>
        <source>删除整改任务…</source>
        <translation>Delete campaign…</translation>
    </message>
    <message>
        <source>重命名整改任务</source>
        <translation>Rename campaign</translation>
    </message>
    <message>
        <source>删除整改任务</source>
        <translation>Delete campaign</translation>
    </message>
    <message>
        <source>确定删除整改任务“%1”及其全部 %2 个问题吗？可以撤销（编辑 → 撤销）。</source>
        <translation>Delete the campaign &quot;%1&quot; with all its %2 problems? This can be undone (Edit → Undo).</translation>
    </message>
    <message>
        <source>新增问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <source>问题标题：</source>
        <translation>Problem title:</translation>
    </message>
    <message>
        <source>新增整改措施</source>
        <translation>New measure</translation>
    </message>
    <message>
        <source>整改措施：</source>
        <translation>Measure:</translation>
    </message>
    <message>
        <source>删除整改措施</source>
        <translation>Delete measure</translation>
    </message>
    <message>
        <source>确定删除整改措施 %1 及其进展吗？可以撤销。</source>
        <translation>Delete measure %1 and its progress? This can be undone.</translation>
    </message>
    <message>
        <source>删除问题</source>
        <translation>Delete problem</translation>
    </message>
    <message>
        <source>确定删除第 %1 个问题及其全部整改措施吗？可以撤销。</source>
        <translation>Delete problem %1 and all its measures? This can be undone.</translation>
    </message>
    <message>
        <source>调整措施顺序</source>
        <translation>Reorder measures</translation>
    </message>
    <message>
        <source>调整问题顺序</source>
        <translation>Reorder problems</translation>
    </message>
    <message>
        <source>关于 RectDesk</source>
        <translation>About RectDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;版本 %3&lt;/p&gt;&lt;p&gt;整改台账桌面系统：问题、整改措施、进展、佐证材料、通报与台账。离线运行，数据保存在本机的台账文件中。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Version %3&lt;/p&gt;&lt;p&gt;Rectification register: problems, measures, progress, evidence, bulletins and ledgers. Works offline; the data stays in the register file on this computer.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MeasureForm</name>
    <message>
        <source>（已批准延期至 %1）</source>
        <translation> (extension approved to %1)</translation>
    </message>
    <message>
        <source>修改措施的“%1”</source>
        <translation>Edit measure “%1”</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>多人用“、”分隔</source>
        <translation>Separate names with “、”</translation>
    </message>
    <message>
        <source>多个部门用“、”分隔</source>
        <translation>Separate departments with “、”</translation>
    </message>
    <message>
        <source>如 2020年12月底、长期坚持</source>
        <translation>e.g. 2020年12月底, 长期坚持</translation>
    </message>
    <message>
        <source>如 2020-11-02</source>
        <translation>e.g. 2020-11-02</translation>
    </message>
</context>
<context>
    <name>MeasureModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时限状态</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>OpenSummaryDialog</name>
    <message>
        <source>到期提醒</source>
        <translation>Deadline reminders</translation>
    </message>
    <message>
        <source>整改措施：逾期 {0} 条，{1} 天内到期 {2} 条，{3} 天内到期 {4} 条</source>
        <translation>Measures: {0} overdue, {2} due within {1} days, {4} due within {3} days</translation>
    </message>
    <message>
        <source>逾期 {0} 天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <source>剩 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <source>待回头看：</source>
        <translation>Re-checks due: </translation>
    </message>
    <message>
        <source>待审批延期：</source>
        <translation>Extensions pending: </translation>
    </message>
    <message>
        <source>没有逾期或即将到期的措施。</source>
        <translation>No measure is overdue or due soon.</translation>
    </message>
    <message>
        <source>……另有 {0} 条（见 视图 → 仪表盘）</source>
        <translation>… and {0} more (see View → Dashboard)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>状态（原 → 新）</source>
        <translation>Status (old → new)</translation>
    </message>
    <message>
        <source>台账现有进展</source>
        <translation>Progress in the register</translation>
    </message>
    <message>
        <source>表单进展</source>
        <translation>Progress in the form</translation>
    </message>
    <message>
        <source>冲突（台账在下发后的修改）</source>
        <translation>Conflict (register changed after the form was sent)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>已在台账中（此前已导入）</source>
        <translation>Already in the register (imported before)</translation>
    </message>
    <message>
        <source>不能导入：</source>
        <translation>Cannot import:</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>采用表单</source>
        <translation>Use form</translation>
    </message>
    <message>
        <source>保留台账</source>
        <translation>Keep register</translation>
    </message>
    <message>
        <source>请选择：采用表单或保留台账</source>
        <translation>Choose: use form or keep register</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <source>%1 由 %2 批准销号</source>
        <translation>Signed off on %1, approved by %2</translation>
    </message>
    <message>
        <source>未销号</source>
        <translation>Not signed off</translation>
    </message>
    <message>
        <source>修改问题的“%1”</source>
        <translation>Edit problem “%1”</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>如 2021-03-31</source>
        <translation>e.g. 2021-03-31</translation>
    </message>
    <message>
        <source>销号情况</source>
        <translation>Sign-off</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>时限状态</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>最近时限</source>
        <translation>Next due</translation>
    </message>
    <message>
        <source>已完成/措施</source>
        <translation>Done/total</translation>
    </message>
</context>
<context>
    <name>ProgressForm</name>
    <message>
        <source>添加进展</source>
        <translation>Add progress</translation>
    </message>
    <message>
        <source>进展日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>报告人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>（状态不变）</source>
        <translation>(status unchanged)</translation>
    </message>
    <message>
        <source>添加进展</source>
        <translation>Add progress</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <source>回头看 - {0}</source>
        <translation>Re-check - {0}</translation>
    </message>
    <message>
        <source>该问题尚未销号，不能回头看。</source>
        <translation>The problem is not signed off; it cannot be re-checked.</translation>
    </message>
    <message>
        <source>已于 {0} 销号（{1}）</source>
        <translation>Signed off on {0} ({1})</translation>
    </message>
    <message>
        <source>回头看日期：{0}</source>
        <translation>Re-check due: {0}</translation>
    </message>
    <message>
        <source>巩固</source>
        <translation>Consolidated</translation>
    </message>
    <message>
        <source>反弹（重新打开问题）</source>
        <translation>Relapsed (reopens the problem)</translation>
    </message>
    <message>
        <source>回头看日期</source>
        <translation>Re-check date</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>检查人</source>
        <translation>Checked by</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>台账文件已损坏</source>
        <translation>Register file damaged</translation>
    </message>
    <message>
        <source>台账“{0}”已损坏，未能打开。</source>
        <translation>The register “{0}” is damaged and was not opened.</translation>
    </message>
    <message>
        <source>损坏的文件已另存为：{0}（请勿删除，技术人员可能从中抢救数据）</source>
        <translation>The damaged file was kept as: {0} (do not delete it: a technician may rescue data from it)</translation>
    </message>
    <message>
        <source>没有找到可用的备份。</source>
        <translation>No usable backup was found.</translation>
    </message>
    <message>
        <source>最新的完好备份：{0}，{1}，{2}。</source>
        <translation>Newest sound backup: {0}, {1}, {2}.</translation>
    </message>
    <message>
        <source>从该备份恢复</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <source>暂不恢复</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>留痕中显示的姓名</source>
        <translation>Name shown in the change history</translation>
    </message>
    <message>
        <source>临期预警天数</source>
        <translation>Warning days before a deadline</translation>
    </message>
    <message>
        <source>提前提示天数</source>
        <translation>Early notice (days)</translation>
    </message>
</context>
<context>
    <name>SignoffDialog</name>
    <message>
        <source>销号 - {0}</source>
        <translation>Sign off - {0}</translation>
    </message>
    <message>
        <source>例如：整改到位，同意销号</source>
        <translation>e.g. Rectified; sign-off approved</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Sign-off date</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>销号意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <source>导出对账销号单…</source>
        <translation>Export sign-off sheet…</translation>
    </message>
    <message>
        <source>已于 {0} 销号（审批人：{1}）</source>
        <translation>Signed off on {0} (approver: {1})</translation>
    </message>
    <message>
        <source>暂不能销号：</source>
        <translation>Cannot be signed off yet:</translation>
    </message>
    <message>
        <source>各项措施均已完成并有佐证材料，可以销号。</source>
        <translation>All measures are done and have evidence; the problem can be signed off.</translation>
    </message>
    <message>
        <source>导出对账销号单</source>
        <translation>Export sign-off sheet</translation>
    </message>
    <message>
        <source>对账销号单-{0}.docx</source>
        <translation>Sign-off sheet - {0}.docx</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>正在生成对账销号单…</source>
        <translation>Writing the sign-off sheet…</translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>整改进展周报</source>
        <translation>Weekly progress report</translation>
    </message>
    <message>
        <source>记录本周快照</source>
        <translation>Take this week&apos;s snapshot</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>与此快照比较</source>
        <translation>Compare with snapshot</translation>
    </message>
    <message>
        <source>署名</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>密级/标注</source>
        <translation>Marking</translation>
    </message>
    <message>
        <source>导入台账时（尚无快照）</source>
        <translation>As imported (no snapshot yet)</translation>
    </message>
    <message>
        <source>保存周报</source>
        <translation>Save weekly report</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx);;Excel 工作簿 (*.xlsx)</source>
        <translation>Word documents (*.docx);;Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在生成周报…</source>
        <translation>Generating the weekly report…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>正在推进</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>长期坚持</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>正常推进</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>未设时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>巩固</source>
        <translation>consolidated</translation>
    </message>
    <message>
        <source>反弹</source>
        <translation>relapsed</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>该问题没有整改措施</source>
        <translation>The problem has no measures</translation>
    </message>
    <message>
        <source>问题 %1</source>
        <translation>Problem %1</translation>
    </message>
    <message>
        <source>措施 %1</source>
        <translation>Measure %1</translation>
    </message>
    <message>
        <source>措施 %1 为长期坚持，但尚无阶段性成果</source>
        <translation>Measure %1 is long-term but has no interim result yet</translation>
    </message>
    <message>
        <source>措施 %1 尚未完成（%2）</source>
        <translation>Measure %1 is not done (%2)</translation>
    </message>
    <message>
        <source>措施 %1 没有佐证材料</source>
        <translation>Measure %1 has no evidence</translation>
    </message>
</context>
</TS>
