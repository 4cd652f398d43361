<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LabelPresets</name>
    <message>
        <location filename="../ui/annotate/label_presets.cpp" line="+24"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No label file %1</source>
        <translation>没有标签文件 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No label flags file %1</source>
        <translation>没有标签标记文件 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the label flags</source>
        <translation>标签标记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a JSON object {&quot;label regex&quot;: [&quot;flag&quot;, ...]}</source>
        <translation>应为 JSON 对象 {&quot;标签正则表达式&quot;: [&quot;标记&quot;, ...]}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>pattern &quot;%1&quot;: %2</source>
        <translation>模式“%1”：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pattern &quot;%1&quot;: expected a list of flag names</source>
        <translation>模式“%1”：应为标记名称列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pattern &quot;%1&quot;: flag names must be strings</source>
        <translation>模式“%1”：标记名称必须是字符串</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/annotate/image_loader.cpp" line="+54"/>
        <source>%1: the image &quot;%2&quot; was not found</source>
        <translation>%1：找不到图像“%2”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: imageWidth is %2 but the image is %3 pixels wide; the real size is used</source>
        <translation>%1：imageWidth 为 %2，但图像宽 %3 像素；使用实际尺寸</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: imageHeight is %2 but the image is %3 pixels high; the real size is used</source>
        <translation>%1：imageHeight 为 %2，但图像高 %3 像素；使用实际尺寸</translation>
    </message>
    <message>
        <location filename="../ui/shell/about_dialog.cpp" line="+23"/>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threads: %1 of %2 cores</source>
        <translation>线程：%1（共 %2 个核心）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA: %1</source>
        <translation>CUDA：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 device(s)</source>
        <translation>%1 个设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../ui/train/model_speed_hints.cpp" line="+11"/>
        <source>masks and boxes</source>
        <translation>掩码和边界框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>boxes only</source>
        <translation>仅边界框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU: about 0.6 s per step as cpu-quick sets it up, 2-4 s with torchvision&apos;s head sizes (batch 4, 256 px, 2 cores, measured)</source>
        <translation>CPU：按 cpu-quick 的设置每步约 0.6 秒，用 torchvision 的头部尺寸为 2–4 秒（批大小 4，256 像素，2 核，实测）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>GPU: fast</source>
        <translation>GPU：快</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>CPU: slow; at 512 px about 0.8 s per image for inference and 3 s per image in a training step on 2 cores (measured)</source>
        <translation>CPU：慢；在 2 核、512 像素下，推理每张图像约 0.8 秒，训练每步每张图像约 3 秒（实测）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU: recommended</source>
        <translation>GPU：推荐</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU: slower than ResNet-50, impractical</source>
        <translation>CPU：比 ResNet-50 更慢，不实用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GPU: needed</source>
        <translation>GPU：必需</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU: about 0.3 s per step (batch 4, 2 cores, measured), the quickest</source>
        <translation>CPU：每步约 0.3 秒（批大小 4，2 核，实测），最快</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>GPU: very fast</source>
        <translation>GPU：很快</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CPU: quick, expected close to SSDlite MobileNetV3</source>
        <translation>CPU：快，预计接近 SSDlite MobileNetV3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU: slow (VGG-16 backbone at 300 px)</source>
        <translation>CPU：慢（VGG-16 骨干网络，300 像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU: unknown model</source>
        <translation>CPU：未知模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GPU: unknown model</source>
        <translation>GPU：未知模型</translation>
    </message>
    <message>
        <location filename="../app/gui/gui_main.cpp" line="+72"/>
        <source>CPU · %1 threads</source>
        <translation>CPU · %1 线程</translation>
    </message>
    <message>
        <location filename="../ui/train/train_mode.cpp" line="+346"/>
        <source>%1 on %2 test images: box mAP50 %3, mAP50-95 %4</source>
        <translation>%1（%2 张测试图像）：边界框 mAP50 %3，mAP50-95 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; mask mAP50 %1, mAP50-95 %2</source>
        <translation>；掩码 mAP50 %1，mAP50-95 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; PixelLib mAP@0.5 %1. Curves, confusion matrix and per-class AP: %2</source>
        <translation>；PixelLib mAP@0.5 %1。曲线、混淆矩阵和各类别 AP：%2</translation>
    </message>
</context>
<context>
    <name>SampleRendering</name>
    <message>
        <location filename="../ui/dataset/sample_rendering.cpp" line="+132"/>
        <source>%1: the image cannot be decoded</source>
        <translation>%1：无法解码该图像</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n 个实例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n left the image</source>
        <translation>
            <numerusform>，%n 个移出了图像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>polytrain::ui::AboutDialog</name>
    <message>
        <location filename="../ui/shell/about_dialog.cpp" line="+6"/>
        <source>About PolyTrain Studio</source>
        <translation>关于 PolyTrain Studio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annotate images, train Mask R-CNN and SSD, evaluate and run the models, in one native program.</source>
        <translation>在一个原生程序中标注图像、训练 Mask R-CNN 和 SSD、评估并运行模型。</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/shell/language_menu.cpp" line="+11"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Use this language from the next start of PolyTrain Studio</source>
        <translation>下次启动 PolyTrain Studio 时使用该语言</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The language changes to %1 when you restart PolyTrain Studio.</source>
        <translation>重新启动 PolyTrain Studio 后，界面语言将切换为%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Takes effect after a restart</source>
        <translation>重启后生效</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::LossChartView</name>
    <message>
        <location filename="../ui/train/loss_chart_view.cpp" line="+24"/>
        <source>Training loss per iteration</source>
        <translation>每次迭代的训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss per epoch</source>
        <translation>每轮损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mAP per epoch</source>
        <translation>每轮 mAP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 mAP50</source>
        <translation>%1 mAP50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 mAP50-95</source>
        <translation>%1 mAP50-95</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>box</source>
        <translation>边界框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="+24"/>
        <source>PolyTrain Studio</source>
        <translation>PolyTrain Studio</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About PolyTrain Studio</source>
        <translation>关于 PolyTrain Studio(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keyboard &amp;Shortcuts...</source>
        <translation>键盘快捷键(&amp;S)...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Switch to the %1 mode</source>
        <translation>切换到%1模式</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 mode</source>
        <translation>%1模式</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::ModeSwitcher</name>
    <message>
        <location filename="../ui/shell/mode_switcher.cpp" line="+5"/>
        <source>Modes</source>
        <translation>模式</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::PlannedMode</name>
    <message>
        <location filename="../ui/modes/planned_mode.cpp" line="+24"/>
        <source>This workspace is not built yet. When it is, it will let you:</source>
        <translation>此工作区尚未完成。完成后，你可以：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Already available:</source>
        <translation>现已可用：</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::RunHistoryView</name>
    <message>
        <location filename="../ui/train/run_history_view.cpp" line="+22"/>
        <source>Folder...</source>
        <translation>文件夹...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder that holds the runs</source>
        <translation>选择存放训练任务的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs folder</source>
        <translation>训练任务文件夹</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::ShortcutEditorDialog</name>
    <message>
        <location filename="../ui/shell/shortcut_editor_dialog.cpp" line="+26"/>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;All to Defaults</source>
        <translation>全部恢复默认(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by action, id or key</source>
        <translation>按操作、ID 或按键筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click here and press the new key combination</source>
        <translation>点击此处并按下新的组合键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove every shortcut of this action</source>
        <translation>移除此操作的所有快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give this action its default (Labelme&apos;s) shortcuts back</source>
        <translation>恢复此操作的默认（Labelme 的）快捷键</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Shortcut for &quot;%1&quot;:</source>
        <translation>“%1”的快捷键：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an action to change its shortcut.</source>
        <translation>选择一个操作以更改其快捷键。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is already the shortcut of &quot;%2&quot; (%3). Choose another key, or change that action first.</source>
        <translation>%1 已是“%2”（%3）的快捷键。请选择其他按键，或先更改该操作。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; now answers to %2.</source>
        <translation>“%1”现在响应 %2。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; has no shortcut now.</source>
        <translation>“%1”现在没有快捷键。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The default %1 is now the shortcut of &quot;%2&quot; (%3). Change that action first.</source>
        <translation>默认的 %1 现在是“%2”（%3）的快捷键。请先更改该操作。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; has its default shortcut again.</source>
        <translation>“%1”已恢复默认快捷键。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every action has its default shortcut again.</source>
        <translation>所有操作均已恢复默认快捷键。</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::StudioTranslations</name>
    <message>
        <location filename="../ui/shell/studio_translations.cpp" line="+48"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::TrainConfigForm</name>
    <message>
        <location filename="../ui/train/train_config_form.cpp" line="+28"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quick CPU demo</source>
        <translation>CPU 快速演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fast boxes, CPU</source>
        <translation>快速检测框，CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accurate, GPU</source>
        <translation>高精度（GPU）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data and model</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>folder with train/ and test/</source>
        <translation>包含 train/ 和 test/ 的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none: train from scratch</source>
        <translation>无：从头训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pretrained weights</source>
        <translation>预训练权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights (*.pth *.pt);;All files (*)</source>
        <translation>权重文件 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backbone only</source>
        <translation>仅骨干网络</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Schedule</source>
        <translation>训练计划</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For example 0.001 or 1e-3</source>
        <translation>例如 0.001 或 1e-3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scale jitter</source>
        <translation>尺度抖动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour jitter</source>
        <translation>颜色抖动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random crop</source>
        <translation>随机裁剪</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> deg</source>
        <translation> 度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CUDA GPU (%1)</source>
        <translation>CUDA GPU（%1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No CUDA device found on this machine.</source>
        <translation>本机未找到 CUDA 设备。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one per core</source>
        <translation>每核一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (not present)</source>
        <translation>%1（不存在）</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>not a number: &quot;%1&quot;</source>
        <translation>不是数字：“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>choose the dataset folder</source>
        <translation>请选择数据集文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such folder</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not present on this machine</source>
        <translation>本机没有 %1</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::TrainMode</name>
    <message>
        <location filename="../ui/train/train_mode.cpp" line="-319"/>
        <source>Runs</source>
        <translation>训练任务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+89"/>
        <location line="+46"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Start a new run with this configuration</source>
        <translation>用此配置开始新的训练任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run at the next step; what it reached is kept</source>
        <translation>在下一步停止训练；已有结果会保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause the run between two steps</source>
        <translation>在两步之间暂停训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume the paused run</source>
        <translation>继续已暂停的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Continue Selected Run</source>
        <translation>继续所选训练任务(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the run selected under Runs from its last checkpoint; more epochs extend a finished run</source>
        <translation>从最近的检查点继续“训练任务”中选中的任务；增加轮数可延长已完成的任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Autoscale Charts</source>
        <translation>图表自动缩放(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the charts to their data at every update</source>
        <translation>每次更新时让图表适应数据范围</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export Charts as PNG...</source>
        <translation>将图表导出为 PNG(&amp;E)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the three charts as one PNG image</source>
        <translation>将三个图表保存为一张 PNG 图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Evaluate Run</source>
        <translation>评估训练任务(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score the run&apos;s best checkpoint on its test split: COCO AP, PixelLib mAP@0.5, per class</source>
        <translation>在测试集上评估该训练任务的最佳检查点：COCO AP、PixelLib mAP@0.5 及各类别指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in &amp;Infer</source>
        <translation>在推理模式中打开(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the run&apos;s model on images, video and the camera</source>
        <translation>在图像、视频和摄像头上预览该训练任务的模型</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>the trainer could not make a job for this configuration</source>
        <translation>训练器无法为此配置创建任务</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>starting %1</source>
        <translation>开始 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>continuing %1</source>
        <translation>继续 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>stop requested; the run stops after the current step</source>
        <translation>已请求停止；训练将在当前步完成后停止</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>run folder: %1</source>
        <translation>任务文件夹：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>loaded %1: %2 epochs, %3 iterations</source>
        <translation>已加载 %1：%2 轮，%3 次迭代</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A training run is going on. Stop it and close? It saves its last checkpoint and can be continued from the Runs list.</source>
        <translation>训练正在进行。要停止训练并关闭吗？训练会保存最近的检查点，之后可以在“训练任务”列表中继续。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>evaluating %1 ...</source>
        <translation>正在评估 %1 ...</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/train/train_mode.h" line="+39"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::TrainingProgressPanel</name>
    <message>
        <location filename="../ui/train/training_progress_panel.cpp" line="+67"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch -</source>
        <translation>轮次 -</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration -</source>
        <translation>迭代 -</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>- images/s</source>
        <translation>- 图像/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Epoch %1 / %2</source>
        <translation>轮次 %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration %1 / %2</source>
        <translation>迭代 %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 images/s</source>
        <translation>%1 图像/秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss %1 · learning rate %2 · step %3 of %4</source>
        <translation>损失 %1 · 学习率 %2 · 第 %3 步，共 %4 步</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>epoch %1 iter %2/%3  loss %4</source>
        <translation>轮次 %1 迭代 %2/%3  损失 %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  lr %1  %2 img/s</source>
        <translation>  学习率 %1  %2 图像/秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 done in %2: train loss %3</source>
        <translation>轮次 %1 完成，用时 %2：训练损失 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, validation loss %1</source>
        <translation>，验证损失 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, box mAP50 %1</source>
        <translation>，边界框 mAP50 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, mask mAP50 %1</source>
        <translation>，掩码 mAP50 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>box</source>
        <translation>边界框</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+6"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Best epoch %1: %2 loss %3</source>
        <translation>最佳轮次 %1：%2损失 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; best %1 mAP50 %2 at epoch %3</source>
        <translation>；最佳%1 mAP50 %2（第 %3 轮）</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::AnnotateMode</name>
    <message>
        <location filename="../ui/annotate/annotate_actions.cpp" line="+58"/>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Folder...</source>
        <translation>打开文件夹(&amp;F)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;Output Folder...</source>
        <translation>更改输出文件夹(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;Label List...</source>
        <translation>加载标签列表(&amp;L)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predefined labels, one per line, as labelme --labels labels.txt</source>
        <translation>预定义标签，每行一个，同 labelme --labels labels.txt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load Label &amp;Flags...</source>
        <translation>加载标签标记(&amp;F)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flags offered for labels matching a pattern: a JSON file as labelme&apos;s label_flags</source>
        <translation>为匹配模式的标签提供的标记：与 labelme 的 label_flags 相同的 JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Image</source>
        <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous Image</source>
        <translation>上一张图像(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close Image</source>
        <translation>关闭图像(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Label File</source>
        <translation>删除标注文件(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;Automatically</source>
        <translation>自动保存(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save With &amp;Image Data</source>
        <translation>保存图像数据(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep Previous Annotation</source>
        <translation>保留上一张的标注(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create &amp;Polygons</source>
        <translation>创建多边形(&amp;P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create &amp;Rectangle</source>
        <translation>创建矩形(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create &amp;Circle</source>
        <translation>创建圆形(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create &amp;Line</source>
        <translation>创建线段(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create P&amp;oint</source>
        <translation>创建点(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create Line&amp;Strip</source>
        <translation>创建折线(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit Shapes</source>
        <translation>编辑形状(&amp;E)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Shapes</source>
        <translation>删除形状(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &amp;Label...</source>
        <translation>编辑标签(&amp;L)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Point to Ed&amp;ge</source>
        <translation>在边上添加点(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Selected Poin&amp;t</source>
        <translation>删除所选的点(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All Shapes</source>
        <translation>选择所有形状(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Original Size</source>
        <translation>原始大小(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit &amp;Width</source>
        <translation>适应宽度(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Brightness and Contrast...</source>
        <translation>亮度和对比度(&amp;B)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Labels on Shapes</source>
        <translation>在形状上显示标签(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Shapes</source>
        <translation>显示形状(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ill Shapes</source>
        <translation>填充形状(&amp;I)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Annotation</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Canvas</source>
        <translation>画布(&amp;C)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../ui/annotate/annotate_mode.h" line="+37"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Open image or label file</source>
        <translation>打开图像或标注文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and Labelme files (%1 *.json);;All files (*)</source>
        <translation>图像和 Labelme 文件 (%1 *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open folder of images</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save label files to</source>
        <translation>标注文件保存到</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Load label list</source>
        <translation>加载标签列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label lists (*.txt);;All files (*)</source>
        <translation>标签列表 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot load the label list</source>
        <translation>无法加载标签列表</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n predefined label(s) from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 个预定义标签</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load label flags</source>
        <translation>加载标签标记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label flags (*.json);;All files (*)</source>
        <translation>标签标记 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot load the label flags</source>
        <translation>无法加载标签标记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label flags from %1</source>
        <translation>来自 %1 的标签标记</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save label file</source>
        <translation>保存标注文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labelme files (*.json)</source>
        <translation>Labelme 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete label file</source>
        <translation>删除标注文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete &quot;%1&quot;? The image stays; its annotation file is removed.</source>
        <translation>删除“%1”？图像会保留，只删除它的标注文件。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Paste shapes</source>
        <translation>粘贴形状</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Duplicate shapes</source>
        <translation>创建形状副本</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Delete %n shape(s)</source>
        <translation>
            <numerusform>删除 %n 个形状</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit label</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../ui/annotate/annotate_mode.cpp" line="+78"/>
        <source>label: ask</source>
        <translation>标签：每次询问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quick label: new shapes get this label without the dialog. Empty: ask each time.</source>
        <translation>快速标签：新形状直接使用此标签，不弹出对话框。留空：每次询问。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;已打开&gt;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>%1%2   %3 × %4 px   zoom %5 %   x %6, y %7   %8</source>
        <translation>%1%2   %3 × %4 像素   缩放 %5 %   x %6, y %7   %8</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>image %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the annotations to &quot;%1&quot; before closing the image?</source>
        <translation>关闭图像前将标注保存到“%1”吗？</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::AnnotationSession</name>
    <message>
        <location filename="../ui/annotate/annotation_session.cpp" line="+56"/>
        <source>Listing images in %1 ...</source>
        <translation>正在列出 %1 中的图像...</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n image(s) in %1</source>
        <translation>
            <numerusform>%1 中有 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::CreateShapeTool</name>
    <message>
        <location filename="../ui/annotate/create_shape_tool.cpp" line="+48"/>
        <source>polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line</source>
        <translation>线段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line strip</source>
        <translation>折线</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Create %1 &quot;%2&quot;</source>
        <translation>创建%1“%2”</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::EditTool</name>
    <message>
        <location filename="../ui/annotate/edit_tool.cpp" line="+124"/>
        <source>Move vertex</source>
        <translation>移动顶点</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move shape</source>
        <translation>移动形状</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move shapes</source>
        <translation>移动形状</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Insert vertex</source>
        <translation>插入顶点</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete vertex</source>
        <translation>删除顶点</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Nudge</source>
        <translation>微调位置</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::FileListDock</name>
    <message>
        <location filename="../ui/annotate/file_list_dock.cpp" line="+15"/>
        <source>File List</source>
        <translation>文件列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search file names</source>
        <translation>搜索文件名</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 of %2 images annotated</source>
        <translation>已标注 %1 / %2 张图像</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::ImageAdjustDialog</name>
    <message>
        <location filename="../ui/annotate/image_adjust_dialog.cpp" line="+13"/>
        <source>Brightness and Contrast</source>
        <translation>亮度和对比度</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::ImageFlagsDock</name>
    <message>
        <location filename="../ui/annotate/image_flags_dock.cpp" line="+14"/>
        <source>Image Flags</source>
        <translation>图像标记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an image flag and press Enter</source>
        <translation>输入图像标记后按回车添加</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Set flag %1</source>
        <translation>设置标记 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear flag %1</source>
        <translation>清除标记 %1</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::LabelDialog</name>
    <message>
        <location filename="../ui/annotate/label_dialog.cpp" line="+25"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter object label</source>
        <translation>输入目标标签</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Group ID</source>
        <translation>组 ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a flag and press Enter</source>
        <translation>输入标记后按回车添加</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::LabelListDock</name>
    <message>
        <location filename="../ui/annotate/label_list_dock.cpp" line="+17"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no label)</source>
        <translation>(无标签)</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::annotate::ShapeListDock</name>
    <message>
        <location filename="../ui/annotate/shape_list_dock.cpp" line="+12"/>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::ClassStatsModel</name>
    <message>
        <location filename="../ui/dataset/class_stats_model.cpp" line="+53"/>
        <source>class id %1</source>
        <translation>类别 ID %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::ClassStatsPanel</name>
    <message>
        <location filename="../ui/dataset/class_stats_panel.cpp" line="+27"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>instances</source>
        <translation>实例数</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No dataset open.</source>
        <translation>未打开数据集。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 classes · train: %2 images, %3 instances · test: %4 images, %5 instances · %6 unlabelled · %7 problems · %8 warnings</source>
        <translation>%1 个类别 · 训练集：%2 张图像，%3 个实例 · 测试集：%4 张图像，%5 个实例 · %6 张未标注 · %7 个问题 · %8 个警告</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::DatasetGridModel</name>
    <message>
        <location filename="../ui/dataset/dataset_grid_model.cpp" line="+18"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message numerus="yes">
        <location line="+108"/>
        <location line="+23"/>
        <source>%1 · %n instance(s)</source>
        <translation>
            <numerusform>%1 · %n 个实例</numerusform>
        </translation>
    </message>
    <message>
        <location line="-21"/>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no Labelme file refers to this image</source>
        <translation>没有 Labelme 文件引用此图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped: the file cannot be used</source>
        <translation>已跳过：该文件无法使用</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::DatasetMode</name>
    <message>
        <location filename="../ui/dataset/dataset_actions.cpp" line="+33"/>
        <source>&amp;Open Dataset...</source>
        <translation>打开数据集(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a dataset folder (train/ and test/, or one folder) or a COCO file</source>
        <translation>打开数据集文件夹（train/ 和 test/，或单个文件夹）或 COCO 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the dataset again from disk</source>
        <translation>从磁盘重新读取数据集</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Masks</source>
        <translation>掩码(&amp;M)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tint each instance&apos;s mask in its own colour</source>
        <translation>用各自的颜色为每个实例的掩码着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Boxes</source>
        <translation>边界框(&amp;B)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw each instance&apos;s box (the box of its mask)</source>
        <translation>绘制每个实例的边界框（其掩码的外接框）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Labels</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write each instance&apos;s class name</source>
        <translation>显示每个实例的类别名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export COCO...</source>
        <translation>导出 COCO(&amp;E)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write train.json and test.json (COCO instances, as labelme2coco)</source>
        <translation>写出 train.json 和 test.json（COCO 实例格式，与 labelme2coco 相同）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change &amp;Split...</source>
        <translation>更改划分(&amp;S)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <source>Draw a new train/test split of a single-folder dataset (share and seed)</source>
        <translation>重新随机划分单文件夹数据集的训练集/测试集（比例和随机种子）</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Open in &amp;Annotate</source>
        <translation>在标注模式中打开(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected file in the Annotate mode</source>
        <translation>在标注模式中打开所选文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New Augmentations</source>
        <translation>重新生成增强(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw other random augmentations of the selected sample</source>
        <translation>为所选样本重新随机生成数据增强</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The split of this dataset is its train/ and test/ folders (or its COCO files)</source>
        <translation>此数据集的划分由其 train/ 和 test/ 文件夹（或 COCO 文件）决定</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a dataset folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Write train.json and test.json into</source>
        <translation>将 train.json 和 test.json 写入</translation>
    </message>
    <message>
        <location filename="../ui/dataset/dataset_mode.cpp" line="+40"/>
        <location filename="../ui/dataset/dataset_mode.h" line="+39"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dataset</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>All splits</source>
        <translation>全部划分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All files</source>
        <translation>全部文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Open a dataset: a folder with train/ and test/ (PixelLib&apos;s layout), one folder of images and Labelme files (split by a seeded draw), or a COCO instances file.</source>
        <translation>打开数据集：包含 train/ 和 test/ 的文件夹（PixelLib 的布局）、一个包含图像和 Labelme 文件的文件夹（按随机种子划分），或一个 COCO 实例文件。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Class Statistics</source>
        <translation>类别统计</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Opening %1 ...</source>
        <translation>正在打开 %1 ...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opening %1 ...</source>
        <translation>正在打开 %1 ...</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 layout</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 布局</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 opened in %2 ms: %3 train and %4 test files, %5 unlabelled images, %6 problems</source>
        <translation>%1 已打开，用时 %2 毫秒：%3 个训练文件和 %4 个测试文件，%5 张未标注图像，%6 个问题</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>writing COCO files into %1 ...</source>
        <translation>正在将 COCO 文件写入 %1 ...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>COCO export: %1 images, %2 annotations written to %3</source>
        <translation>COCO 导出：%1 张图像、%2 个标注已写入 %3</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>; %n problem(s): </source>
        <translation>
            <numerusform>；%n 个问题：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cannot be replaced</source>
        <translation>无法替换 %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Any class</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>showing %1 of %2</source>
        <translation>显示 %1 / %2</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::ProblemListModel</name>
    <message>
        <location filename="../ui/dataset/problem_list_model.cpp" line="+55"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Double-click to open it in Annotate</source>
        <translation>双击在标注模式中打开</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::SamplePreviewLoader</name>
    <message>
        <location filename="../ui/dataset/sample_preview_loader.cpp" line="+26"/>
        <source>no such file in the dataset</source>
        <translation>数据集中没有该文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not annotated: training does not use this image</source>
        <translation>未标注：训练不会使用此图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file was skipped</source>
        <translation>该文件已被跳过</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::SampleView</name>
    <message>
        <location filename="../ui/dataset/sample_view.cpp" line="+26"/>
        <source>Augmentations as training draws them (flip, scale, colour jitter)</source>
        <translation>训练时随机生成的数据增强（翻转、缩放、颜色抖动）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No sample selected</source>
        <translation>未选择样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a thumbnail to see it large, with the masks and boxes training uses.</source>
        <translation>选择一个缩略图，以大图查看训练使用的掩码和边界框。</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+1"/>
        <source>loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%1 split · %n instance(s) for training</source>
        <translation>
            <numerusform>%1 · %n 个实例用于训练</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no image</source>
        <translation>无图像</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::dataset::SplitDialog</name>
    <message>
        <location filename="../ui/dataset/split_dialog.cpp" line="+18"/>
        <source>Change the Split</source>
        <translation>更改划分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Share of the files drawn for the test split, per class</source>
        <translation>按类别抽取到测试集的文件比例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same seed and share always give the same split</source>
        <translation>相同的随机种子和比例总会得到相同的划分</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n annotated file(s) are drawn again, stratified by each file&apos;s rarest class. The split is saved as split.json beside the data.</source>
        <translation>
            <numerusform>将按每个文件中最稀有的类别分层，重新抽取 %n 个已标注文件。划分结果保存为数据旁边的 split.json。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test share:</source>
        <translation>测试集比例：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::infer::Filmstrip</name>
    <message>
        <location filename="../ui/infer/filmstrip.cpp" line="+79"/>
        <source>%1
has a Labelme file</source>
        <translation>%1
已有 Labelme 文件</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::infer::InferMode</name>
    <message>
        <location filename="../ui/infer/infer_actions.cpp" line="+56"/>
        <source>&amp;Load Model</source>
        <translation>加载模型(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the model chosen under Model</source>
        <translation>加载“模型”中选择的模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Image...</source>
        <translation>打开图像(&amp;I)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the model on one image</source>
        <translation>对一张图像运行模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Folder...</source>
        <translation>打开文件夹(&amp;F)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the model on the images of a folder, one at a time</source>
        <translation>对文件夹中的图像逐张运行模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Video...</source>
        <translation>打开视频(&amp;V)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play a video file with the model&apos;s detections</source>
        <translation>播放视频文件并显示模型的检测结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Camera</source>
        <translation>摄像头(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start or stop the camera chosen under Source</source>
        <translation>启动或停止“来源”中选择的摄像头</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+122"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Play or pause the video</source>
        <translation>播放或暂停视频</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;revious Frame</source>
        <translation>上一帧(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The previous frame of the video, or the previous image of the folder</source>
        <translation>视频的上一帧，或文件夹中的上一张图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next Frame</source>
        <translation>下一帧(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next frame of the video, or the next image of the folder</source>
        <translation>视频的下一帧，或文件夹中的下一张图像</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Masks</source>
        <translation>掩码(&amp;M)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tint each detection&apos;s mask</source>
        <translation>为每个检测结果的掩码着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Boxes</source>
        <translation>边界框(&amp;B)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw each detection&apos;s box</source>
        <translation>绘制每个检测结果的边界框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Labels</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write each detection&apos;s class name</source>
        <translation>显示每个检测结果的类别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scores</source>
        <translation>置信度(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write each detection&apos;s score</source>
        <translation>显示每个检测结果的置信度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save Frame As...</source>
        <translation>帧另存为(&amp;S)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the frame as shown, detections drawn, as an image</source>
        <translation>将当前显示的帧（含检测结果）保存为图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export Annotated Video...</source>
        <translation>导出带标注的视频(&amp;E)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the whole video with the detections drawn, at the frame rate set</source>
        <translation>按设定的帧率写出绘制了检测结果的完整视频</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pre-annotate This &amp;Image</source>
        <translation>预标注此图像(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the detections on this image as Labelme polygons next to it</source>
        <translation>将此图像的检测结果以 Labelme 多边形写到图像旁边</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pre-annotate &amp;Unannotated Images</source>
        <translation>预标注未标注的图像(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write Labelme files for every image of the folder that has none yet</source>
        <translation>为文件夹中尚无 Labelme 文件的每张图像写出 Labelme 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo Pre-annotation</source>
        <translation>撤销预标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put back the files the last pre-annotation wrote, as they were</source>
        <translation>将上一次预标注写入的文件恢复原样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in &amp;Annotate</source>
        <translation>在标注模式中打开(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct what the last pre-annotation wrote in the Annotate mode</source>
        <translation>在标注模式中修正上一次预标注的结果</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Infer</source>
        <translation>推理(&amp;I)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Stop &amp;Camera</source>
        <translation>停止摄像头(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start &amp;Camera</source>
        <translation>启动摄像头(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open folder of images</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Videos (*.avi *.mp4 *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.wmv);;All files (*)</source>
        <translation>视频 (*.avi *.mp4 *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.wmv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save frame</source>
        <translation>保存帧</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export annotated video</source>
        <translation>导出带标注的视频</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Videos (*.mp4 *.avi *.mkv)</source>
        <translation>视频 (*.mp4 *.avi *.mkv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no frame to save yet.</source>
        <translation>还没有可保存的帧。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save %1 (is the folder writable, is the extension an image type?)</source>
        <translation>无法保存 %1（文件夹是否可写？扩展名是否为图像格式？）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the frame to %1.</source>
        <translation>已将帧保存到 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saved frame to %1</source>
        <translation>已将帧保存到 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open a video file to export.</source>
        <translation>请先打开要导出的视频文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load a model first: the export draws its detections.</source>
        <translation>请先加载模型：导出时会绘制它的检测结果。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Exporting to %1</source>
        <translation>正在导出到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exporting %1 to %2 at %3 fps</source>
        <translation>正在以 %3 fps 将 %1 导出到 %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open an image to pre-annotate.</source>
        <translation>请先打开要预标注的图像。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+31"/>
        <source>Load a model first.</source>
        <translation>请先加载模型。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1 exists but cannot be read, so it is left as it is: %2</source>
        <translation>%1 已存在但无法读取，因此保持不变：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 was left as it is.</source>
        <translation>%1 保持不变。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open a folder of images to pre-annotate.</source>
        <translation>请先打开要预标注的图像文件夹。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every image of %1 already has a Labelme file; nothing to do.</source>
        <translation>%1 中的每张图像都已有 Labelme 文件，无需处理。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Pre-annotate the %n image(s) of %1 that have no Labelme file yet?</source>
        <translation>
            <numerusform>预标注 %1 中尚无 Labelme 文件的 %n 张图像吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The %n image(s) already annotated are left as they are.</source>
        <translation>
            <numerusform>已标注的 %n 张图像保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pre-annotating</source>
        <translation>正在预标注</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>new file</source>
        <translation>新文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>added to its shapes</source>
        <translation>已添加到原有形状</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replaced its shapes</source>
        <translation>已替换原有形状</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1: %n shape(s) written to %2 (%3)</source>
        <translation>
            <numerusform>%1：%n 个形状已写入 %2（%3）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Pre-annotation wrote %n file(s)</source>
        <translation>
            <numerusform>预标注写入了 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source> with %n shape(s)</source>
        <translation>
            <numerusform>，共 %n 个形状</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; nothing detected on %n image(s)</source>
        <translation>
            <numerusform>；%n 张图像未检测到目标</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; %n image(s) not written (see the log)</source>
        <translation>
            <numerusform>；%n 张图像未写入（见日志）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; stopped before the end</source>
        <translation>；在完成前已停止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open in Annotate</source>
        <translation>在标注模式中打开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 was changed since the pre-annotation; left as it is</source>
        <translation>%1 在预标注后已被修改，保持不变</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>could not remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Put back %1 of %n pre-annotated file(s) as they were.</source>
        <translation>
            <numerusform>已将 %n 个预标注文件中的 %1 个恢复原样。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/infer/infer_mode.cpp" line="+68"/>
        <location line="+15"/>
        <location filename="../ui/infer/infer_mode_layout.cpp" line="+196"/>
        <source>Pre-annotate</source>
        <translation>预标注</translation>
    </message>
    <message numerus="yes">
        <location line="-14"/>
        <source>%1 already has %n shape(s). Add the model&apos;s detections to them, or replace them?</source>
        <translation>
            <numerusform>%1 已有 %n 个形状。将模型的检测结果添加到其中，还是替换它们？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to Its Shapes</source>
        <translation>添加到原有形状</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace Its Shapes</source>
        <translation>替换原有形状</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../ui/infer/infer_mode.h" line="+61"/>
        <source>Infer</source>
        <translation>推理</translation>
    </message>
    <message>
        <location filename="../ui/infer/infer_mode_layout.cpp" line="-164"/>
        <source>Open an image, a folder, a video file or a camera to see what the model detects.
Choose a model on the right; without one the frames are shown as they are.</source>
        <translation>打开图像、文件夹、视频文件或摄像头，查看模型检测到的目标。
在右侧选择模型；未选择模型时按原样显示画面。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playback speed, and the frame rate of an exported video</source>
        <translation>播放速度，以及导出视频的帧率</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A camera index, a device path (/dev/video2) or a stream URL (rtsp://...)</source>
        <translation>摄像头编号、设备路径（/dev/video2）或视频流地址（rtsp://...）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Score threshold</source>
        <translation>置信度阈值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Detections with a lower score are not shown, exported or written</source>
        <translation>置信度低于阈值的检测结果不会被显示、导出或写入</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far a polygon may stray from the mask&apos;s outline: larger means fewer points</source>
        <translation>多边形与掩码轮廓允许的最大偏差：越大点越少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polygon tolerance</source>
        <translation>多边形容差</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> px²</source>
        <translation> 像素²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces of a mask smaller than this are not written</source>
        <translation>小于此面积的掩码碎片不会写入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smallest piece</source>
        <translation>最小碎片面积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save with image data</source>
        <translation>保存图像数据</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>nothing predicted yet</source>
        <translation>尚未推理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model: the network alone. Latency: from reading or capturing the frame to its detections. Frames per second: while a video plays or the camera runs</source>
        <translation>模型：仅网络本身的耗时。延迟：从读取或采集画面到得出检测结果的时间。每秒帧数：视频播放或摄像头运行时的帧率</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>What was loaded, exported and written appears here</source>
        <translation>加载、导出和写入的内容会显示在这里</translation>
    </message>
    <message>
        <location filename="../ui/infer/infer_mode.cpp" line="+36"/>
        <source>could not load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot open the video. %1</source>
        <translation>无法打开视频。%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+263"/>
        <source>End of the video.</source>
        <translation>视频已结束。</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>Camera %1 is running.</source>
        <translation>摄像头 %1 正在运行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No camera could be opened at %1 (%2). Check that it is connected and not in use by another program, or choose another index.</source>
        <translation>无法打开 %1 处的摄像头（%2）。请检查它是否已连接、是否被其他程序占用，或选择其他编号。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>camera %1 stopped: %2 frames predicted in %3 s (%4 fps), %5 dropped, mean latency %6 ms</source>
        <translation>摄像头 %1 已停止：%3 秒内推理 %2 帧（%4 fps），丢弃 %5 帧，平均延迟 %6 毫秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Camera stopped.</source>
        <translation>摄像头已停止。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting frame %1 of %2</source>
        <translation>正在导出第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting frame %1</source>
        <translation>正在导出第 %1 帧</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Exported %n frame(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 帧导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exported %1 frames to %2</source>
        <translation>已将 %1 帧导出到 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export did not finish: %1</source>
        <translation>导出未完成：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pre-annotating %1 (%2 of %3)</source>
        <translation>正在预标注 %1（第 %2 张，共 %3 张）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>choose a run folder or a weights file first</source>
        <translation>请先选择训练任务文件夹或权重文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no weights chosen</source>
        <translation>未选择权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wait for the export or the pre-annotation to finish before loading another model.</source>
        <translation>请等待导出或预标注完成后再加载其他模型。</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%1 on %2 · %n class(es): %3 · %4</source>
        <translation>
            <numerusform>%1（%2）· %n 个类别：%3 · %4</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>masks and boxes</source>
        <translation>掩码和边界框</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>boxes only</source>
        <translation>仅边界框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loaded %1 from %2</source>
        <translation>已从 %2 加载 %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 has no images (jpg, png, bmp, tif, webp).</source>
        <translation>%1 中没有图像（jpg、png、bmp、tif、webp）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No images in %1.</source>
        <translation>%1 中没有图像。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>opened %1: %2 frames, %3 fps, %4 x %5</source>
        <translation>已打开 %1：%2 帧，%3 fps，%4 x %5</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Opening camera %1 ...</source>
        <translation>正在打开摄像头 %1 ...</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading the model, then running it on %1 ...</source>
        <translation>正在加载模型，然后对 %1 运行推理...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running the model on %1 ...</source>
        <translation>正在对 %1 运行推理...</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>model %1 ms</source>
        <translation>模型 %1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latency %1 ms</source>
        <translation>延迟 %1 毫秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 detections shown</source>
        <translation>显示 %1 / %2 个检测结果</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n frame(s) dropped</source>
        <translation>
            <numerusform>丢弃 %n 帧</numerusform>
        </translation>
    </message>
    <message>
        <location line="+83"/>
        <source>the newest training run is %1; loading it</source>
        <translation>最新的训练任务是 %1，正在加载</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::infer::InferenceWorker</name>
    <message>
        <location filename="../ui/infer/inference_worker.cpp" line="+31"/>
        <source>%1: not an image this program can decode</source>
        <translation>%1：本程序无法解码此图像</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>this studio was built without a model loader</source>
        <translation>此版本的 Studio 构建时未包含模型加载器</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: cannot decode this video</source>
        <translation>%1：无法解码此视频</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no video is open</source>
        <translation>没有打开的视频</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>load a model first</source>
        <translation>请先加载模型</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>stopped after %n frame(s)</source>
        <translation>
            <numerusform>处理 %n 帧后停止</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no model is loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>nothing detected</source>
        <translation>未检测到目标</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>already annotated; left as it is</source>
        <translation>已有标注，保持不变</translation>
    </message>
</context>
<context>
    <name>polytrain::ui::infer::ModelPanel</name>
    <message>
        <location filename="../ui/infer/model_panel.cpp" line="+24"/>
        <source>run folder, checkpoint (.pt) or torchvision weights (.pth)</source>
        <translation>训练任务文件夹、检查点（.pt）或 torchvision 权重（.pth）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run folder uses its best checkpoint (weights/best_map.pt, else best_loss.pt, else last.pt)</source>
        <translation>训练任务文件夹使用其最佳检查点（weights/best_map.pt，其次 best_loss.pt，再次 last.pt）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run...</source>
        <translation>训练任务...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a training run folder</source>
        <translation>选择训练任务文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File...</source>
        <translation>文件...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a checkpoint or a torchvision .pth file</source>
        <translation>选择检查点或 torchvision .pth 文件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>as in the checkpoint</source>
        <translation>与检查点一致</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Needed for a torchvision .pth file; a checkpoint of ours knows its model</source>
        <translation>torchvision .pth 文件需要指定；本程序的检查点自带模型信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Comma-separated, without the background. Renames a checkpoint&apos;s classes (same count); names a .pth file&apos;s classes</source>
        <translation>以逗号分隔，不含背景。可重命名检查点的类别（数量相同）；或为 .pth 文件的类别命名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model loaded: frames are shown without detections.</source>
        <translation>未加载模型：画面不显示检测结果。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Loading %1 ...</source>
        <translation>正在加载 %1 ...</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a training run</source>
        <translation>选择训练任务</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose weights</source>
        <translation>选择权重</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weights (*.pt *.pth);;All files (*)</source>
        <translation>权重文件 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
</context>
</TS>
