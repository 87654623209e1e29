//! Section roles named in other languages than English: the headings and
//! labels postmortems use in Spanish, Portuguese, German, French, Italian,
//! Russian, Ukrainian, Vietnamese, Chinese, Japanese, Korean, Dutch,
//! Polish, Turkish, Indonesian, Swedish, Norwegian, Danish, Hungarian,
//! Greek, Romanian, Czech, Finnish, Arabic, Persian, Hebrew and Thai
//! (Thai, unspaced, by substring). The English table in `sections` is
//! tried first; this one only when it finds nothing. Patterns match the cleaned, lower-cased
//! heading, most specific role first, as in the English table.

use super::sections::Role;
use super::word_regex::WordSet;
use crate::extract::per_thread::PerThread;

const ROLES: &[(Role, &str)] = &[
    // Checking that the fix holds, as "Verification" in English: first,
    // so "Verifikasi Perbaikan" and "Verificación de las acciones tomadas"
    // are not the fix itself.
    // Only nouns that head such a section: "проверка" or "verifica" is
    // as often a check the fix adds.
    (
        Role::Validation,
        r"\bverificaci[óo]n\b|\bverifica[çc][ãa]o\b|\b[üu]berpr[üu]fung\b|\bvérification\b|^(验证|検証|검증)(结果|結果| 결과)?$|\bverificatie\b|\bweryfikacja\b|\bdo[ğg]rulama\b|\bverifikasi\b|\bpengujian\b|\bverifiering\b|\bverifisering\b|\bverifikation\b|^(az? )?ellenőrzés$|^επαλ[ήη]θευση$|^verificare(a)?( solu[țţ]iei| remedierii)?$|التحقق من (الإصلاح|الحل)|^אימות( ה?תיקון)?$",
    ),
    // "Actions taken" is the fix, though "actions" and "Maßnahmen" alone
    // are what is still to do.
    (
        Role::Fix,
        r"已(采取|实施|添加|落实|采用)的?(防护|修复|改进|补救|应对)?措施|已實施的措施|実施した対策|취한 조치|acciones (tomadas|realizadas)|medidas (tomadas|adoptadas)|a[çc][õo]es (tomadas|realizadas)|mesures prises|actions (men[ée]es|entreprises)|ergriffene ma[ßs]nahmen|предпринятые действия|принятые меры|genomen maatregelen|doorgevoerde (wijzigingen|maatregelen)|podj[ęe]te dzia[łl]ania|wprowadzone (zmiany|poprawki)|al[ıi]nan (önlemler|aksiyonlar)|yap[ıi]lan (düzeltmeler|değişiklikler)|tindakan yang (diambil|dilakukan)|perbaikan yang (dilakukan|diterapkan)|^(qu[ée] (se )?hizo|lo que (se )?hizo|qu[ée] hicimos|lo que hicimos|o que (foi )?feito|o que fizemos|ce qui a [ée]t[ée] fait|ce que nous avons fait|was (wir )?(getan|gemacht)( haben| wurde)?|cosa (è|e) stato fatto|cosa abbiamo fatto|что (было )?сделано|что мы сделали|những gì đã làm|wat (we )?(hebben )?gedaan|co zrobili[śs]my|co zosta[łl]o zrobione)$|mesures (appliqu[ée]es|mises en (œuvre|place))|durchgef[üu]hrte ma[ßs]nahmen|umgesetzte ma[ßs]nahmen|misure adottate|interventi (effettuati|eseguiti)|vidtagna [åa]tg[äa]rder|genomf[öo]rda [åa]tg[äa]rder|iverksatte tiltak|gjennomf[øo]rte tiltak|gennemf[øo]rte tiltag|вжиті заходи|що (було )?зроблено|vad (vi )?(gjorde|har gjort)|hva (vi )?gjorde|hvad (vi )?gjorde|ac[țţ]iuni (întreprinse|efectuate|luate)|m[ăa]suri (luate|aplicate)|megtett intézkedések|elvégzett (javítások|módosítások)|εν[έε]ργειες που (έγιναν|εγιναν|πραγματοποιήθηκαν)|tehdyt (toimenpiteet|muutokset|korjaukset)|الإجراءات المتخذة|פעולות שבוצעו|^מה עשינו$|^การดำเนินการที่ทำ|^สิ่งที่ทำไปแล้ว",
    ),
    (
        Role::Lessons,
        r"qu[ée] (funcion[óo]|sali[óo] (bien|mal))|lo que (funcion[óo]|sali[óo] (bien|mal))|o que (funcionou|deu certo|deu errado|correu (bem|mal))|was (lief )?(gut|schlecht|schief)( lief)?|ce qui a (bien|mal) (fonctionn[ée]|march[ée])|что пошло (хорошо|не так)|что сработало|điều rút ra|rút kinh nghiệm|\b학습\b|잘된 점|아쉬운 점|うまくいったこと|うまくいかなかったこと|良かった点|lecciones aprendidas|\blecciones\b|\bli[çc][õo]es aprendidas|\bli[çc][õo]es\b|\blehren\b|erkenntnisse|gelernte lektionen|\ble[çc]ons (apprises|tir[ée]es)|ce que (j.ai|nous avons|on a) appris|\ble[çc]ons\b|\benseignements\b|\bуроки?\b|\bвыводы\b|извл[её]ченные уроки|\bbài học\b|\bkinh nghiệm\b|\bprevenci[óo]n\b|\bpreven[çc][ãa]o\b|\bpr[äa]vention\b|\bvorbeugung\b|\bпредотвращение\b|\bphòng ngừa\b|经验教训|吸取的教训|教训|经验总结|學到的|学到的|经验与教训|学んだこと|得られた教訓|教訓|振り返り|배운 점|\b교훈\b|lezioni apprese|\blezioni\b|cosa ha funzionato|cosa (è|e) andato (bene|storto|male)|\binsegnamenti\b|geleerde lessen|\blessen\b|wat ging (er )?(goed|fout|mis)|wat is er (mis|fout)gegaan|wat (hebben we|we hebben) geleerd|\bpreventie\b|\bwnioski\b|czego si[ęe] nauczyli[śs]my|\blekcje\b|co posz[łl]o (dobrze|[źz]le|nie tak)|\bzapobieganie\b|öğrenilen dersler|ç[ıi]kar[ıi]lan dersler|\bdersler\b|neler (iyi|kötü) gitti|\bönleme\b|pelajaran (yang )?(dipetik|diambil|didapat)|\bpembelajaran\b|\bpelajaran\b|\bpencegahan\b|\bà retenir\b|\bl[äa]rdomar\b|\bl[äa]rdom\b|vad (vi )?l[äa]rde oss|vad gick (bra|d[åa]ligt|fel)|\bl[æa]rdommer\b|\berfaringer\b|\bl[æa]ringer\b|hva gikk (bra|galt|d[åa]rlig)|hvad gik (godt|galt|d[åa]rligt)|\bвисновки\b|отримані уроки|що пішло не так|\bf[öo]rebyggande\b|\bforebygging\b|\bforebyggelse\b|\bзапобігання\b|\btanulságok?\b|mit tanultunk|\bmegelőzés\b|\bδιδ[άα]γματα\b|\bμαθ[ήη]ματα\b|τι μ[άα]θαμε|\bπρ[όο]ληψη\b|\blec[țţ]ii(le)?\b|\bprevenire(a)?\b|\bopit\b|\bopitut asiat\b|mitä opimme|\bennaltaehkäisy\b|\bl[æ]rdom(men)?\b|الدروس المستفادة|\bالدروس\b|\bالوقاية\b|ما تعلمناه|\bלקחים\b|\bהלקחים\b|מה למדנו|\bמניעה\b|^บทเรียน|^สิ่งที่ได้เรียนรู้|^การป้องกัน|\bpou[čc]en[íi]\b|\bponau[čc]en[íi]\b|co jsme se nau[čc]ili|درس‌های آموخته|درس‌ها|درسهای آموخته|\bآموخته‌ها\b",
    ),
    (
        Role::ActionItems,
        r"^acciones$|^a[çc][õo]es$|^действия$|acciones (a tomar|preventivas|de mejora|futuras)|^o que (o time|a equipe|voc[êe]s?) (deve|devem|precisa|precisam) fazer$|^(lo )?qu[ée] (debe|deben|tiene que|tienen que) hacer( el equipo)?$|a[çc][õo]es futuras|actions futures|a[çc][õo]es preventivas|\b대책\b|pr[óo]ximos pasos|acciones (correctivas|de seguimiento|pendientes)|a[çc][õo]es pendentes|itens pendentes|^pend[êe]ncias$|^pendientes$|^(lo )?qu[ée] (queda|falta)( por hacer)?$|^o que falta( fazer)?$|^(ce qui )?reste [àa] faire$|\btareas\b|pr[óo]ximos passos|itens de a[çc][ãa]o|a[çc][õo]es (corretivas|de acompanhamento)|n[äa]chste schritte|^offene (punkte|f[äa]den|aufgaben|themen)$|\bma[ßs]nahmen\b|\baufgaben\b|prochaines [ée]tapes|plan d'action|actions correctives|дальнейшие шаги|следующие шаги|план действий|\bзадачи\b|hành động tiếp theo|hạng mục hành động|các bước tiếp theo|việc cần làm|\bkế hoạch\b|后续行动|后续措施|后续工作|改进措施|改进项|行动项|待办事项|後續行動|改進措施|今後の対応|今後の改善|再発防止策|改善点|アクションアイテム|향후 조치|조치 사항|개선 사항|후속 조치|azioni (correttive|preventive|future|da intraprendere)|prossimi passi|\bactiepunten\b|\bvervolgstappen\b|volgende stappen|\bactieplan\b|dalsze (kroki|dzia[łl]ania)|nast[ęe]pne kroki|plan dzia[łl]a[ńn]|dzia[łl]ania naprawcze|\bzadania\b|aksiyon maddeleri|eylem plan[ıi]|sonraki ad[ıi]mlar|\byap[ıi]lacaklar\b|iyile[şs]tirme (plan[ıi]|ad[ıi]mlar[ıi])|tindak lanjut|langkah (selanjutnya|berikutnya)|rencana tindakan|item tindakan|\brekomendasi\b|acci[óo]n(es)? requerida(s)?|\brecomendaciones\b|\brecomenda[çc][õo]es\b|\bempfehlung(en)?\b|\brecommandations\b|\braccomandazioni\b|\bрекомендации\b|khuyến nghị|改进建议|建议措施|推奨事項|권장 사항|\baanbevelingen\b|\bzalecenia\b|\böneriler\b|\bdurcissement\b|\bh[äa]rtung\b|\bendurecimiento\b|\bbastionado\b|\b[åa]tg[äa]rder\b|\b[åa]tg[äa]rdspunkter\b|n[äa]sta steg|\bhandlingsplan\b|\buppf[öo]ljning\b|\brekommendationer\b|\btiltak\b|neste steg|\boppf[øo]lging\b|\banbefalinger\b|\bhandlingspunkter\b|n[æa]ste skridt|\bopf[øo]lgning\b|наступні кроки|план дій|\bзавдання\b|\bрекомендації\b|подальші дії|következő lépések|\bteendők\b|\bjavaslatok\b|\bintézkedések\b|\bfeladatok\b|επ[όο]μενα β[ήη]ματα|\bσυστ[άα]σεις\b|\bεν[έε]ργειες\b|σχ[έε]διο δρ[άα]σης|pa[șş]i(i)? (următori|urm[ăa]tori)|\brecomand[ăa]ri(le)?\b|\bac[țţ]iuni\b|plan de ac[țţ]iune|seuraavat (askeleet|vaiheet)|\bjatkotoimenpiteet\b|\btoimenpiteet\b|\bsuositukset\b|\btehtävät\b|الخطوات (التالية|القادمة)|\bالتوصيات\b|\bالإجراءات\b|خطة العمل|צעדים הבאים|הצעדים הבאים|\bהמלצות\b|\bמשימות\b|תוכנית פעולה|^ขั้นตอนถัดไป|^สิ่งที่ต้องทำ|^ข้อเสนอแนะ|^แผนการดำเนินการ|\bdoporu[čc]en[íi]\b|\bdal[šs][íi] kroky\b|\b[úu]koly\b|zb[ýy]v[áa] (do)?(ře[šs]it|vyře[šs]it|udělat)|اقدامات بعدی|گام‌های بعدی|گامهای بعدی|مراحل بعدی",
    ),
    (
        Role::References,
        r"\breferencias\b|\brefer[êe]ncias\b|\breferenzen\b|\bquellen\b|\br[ée]f[ée]rences\b|\bссылки\b|\bисточники\b|tham khảo|参考资料|参考文献|参考链接|参考リンク|参考|참고 자료|\b참고\b|\briferimenti\b|\breferenties\b|\bbronnen\b|\bodno[śs]niki\b|\b[źz]r[óo]d[łl]a\b|\breferanslar\b|\bkaynaklar\b|\breferensi\b|\btautan\b|\breferenser\b|\bk[äa]llor\b|\bl[äa]nkar\b|\breferanser\b|\bkilder\b|\blenker\b|\breferencer\b|\bпосилання\b|\bджерела\b|\bhivatkozások\b|\bforrások\b|\bαναφορ[έε]ς\b|\bπαραπομπ[έε]ς\b|\breferin[țţ]e(le)?\b|\bl[äa]hteet\b|\bviitteet\b|\bالمراجع\b|\bالمصادر\b|\bמקורות\b|\bהפניות\b|^อ้างอิง|^แหล่งข้อมูล(อ้างอิง)?$|\bodkazy\b|\bمراجع\b",
    ),
    (
        Role::Timeline,
        r"cronolog[íi]a|l[íi]nea de tiempo|linha do tempo|zeitachse|zeitlicher ablauf|\bchronologie\b|\bхронология\b|временная шкала|dòng thời gian|diễn biến|时间线|时间轴|事件经过|時間線|タイムライン|時系列|経緯|타임라인|\b경과\b|sequenza degli eventi|\btijdlijn\b|\bverloop\b|o[śs] czasu|\bchronologia\b|przebieg (zdarze[ńn]|incydentu)|zaman (çizelgesi|tüneli)|\bkronoloji\b|olay ak[ıi][şs][ıi]|\bkronologi\b|\blinimasa\b|garis waktu|\btidslinje(n)?\b|h[äa]ndelsef[öo]rlopp(et)?|\bf[öo]rlopp(et)?\b|hendelsesforl[øo]p|h[æa]ndelsesforl[øo]b|\bforl[øo]b(et)?\b|\bхронологія\b|перебіг подій|\bidővonal\b|\bidőrend\b|események időrendje|\bχρονολ[όο]γιο\b|\bχρονοδι[άα]γραμμα\b|\bcronologie\b|\baikajana\b|tapahtumien kulku|الجدول الزمني|التسلسل الزمني|ציר (ה)?זמן|\bכרונולוגיה\b|^ลำดับเหตุการณ์|^ไทม์ไลน์|[čc]asov[áa] osa|\bpr[ůu]b[ěe]h\b|جدول زمانی|خط زمانی",
    ),
    (
        Role::Impact,
        r"\bimpacto\b|\bauswirkungen?\b|\bimpact\b|\bвлияние\b|\bпоследствия\b|ảnh hưởng|tác động|影响范围|影响|影響範囲|影響|\b영향\b|\bimpatto\b|\bgevolgen\b|\bwp[łl]yw\b|\bskutki\b|\betki(si|ler)?\b|\bdampak\b|\bp[åa]verkan\b|\bkonsekvenser\b|\bp[åa]virkning\b|\bвплив\b|\bнаслідки\b|\bhatás(a|ok)?\b|\bεπιπτ[ώω]σεις\b|\bεπ[ίι]πτωση\b|\bαντ[ίι]κτυπος\b|\bimpactul\b|\bvaikutus\b|\bvaikutukset\b|\bالتأثير\b|\bالأثر\b|\bהשפעה\b|\bההשפעה\b|^ผลกระทบ|\bdopad[y]?\b|\bتأثیر\b|\bتاثیر\b",
    ),
    (
        Role::RootCause,
        r"causa ra[íi]z|causa principal|an[áa]lisis de (la )?causa|an[áa]lise d[ae] causa|\bcausas?\b|grundursache|ursachenanalyse|\bursachen?\b|cause (racine|premi[èe]re|profonde)|analyse des causes|\bcauses?\b|первопричина|коренная причина|\bпричин[аы]\b|анализ причин|nguyên nhân|根本原因|根因|原因分析|原因|核心问题|根本问题|核心問題|根本問題|근본 원인|원인 분석|\b원인\b|analisi delle cause|根源|\boorza(ak|ken)\b|\bhoofdoorzaak\b|\bgrondoorzaak\b|oorzaakanalyse|przyczyn[ay]? (g[łl][óo]wn[aey]|[źz]r[óo]d[łl]ow[aey])|analiza przyczyn|\bprzyczyn[aey]?\b|kök neden|temel neden|neden analizi|\bnedenler\b|\bsebepler?\b|akar (masalah|penyebab)|\bpenyebab\b|analisis penyebab|^(por qu[ée]|porqu[êe]|pourquoi|warum|perch[ée]|почему|tại sao|dlaczego|waarom|mengapa)( (pas[óo]|ocurri[óo]|fall[óo]|aconteceu|ocorreu|falhou|[çc]a a cass[ée]|c'est arriv[ée]|es passiert ist|ist (das|es) passiert|[èe] successo|(это )?произошло|xảy ra|to si[ęe] sta[łl]o|(het )?gebeurde|terjadi))?$|^(为什么|為什麼|なぜ)(会|會)?(发生|發生|失败|失敗|起きた|起こった)?$|^왜$|\bgrundorsak(en|er)?\b|\brotorsak(en|er)?\b|\borsak(en|er)?\b|\borsaksanalys\b|\brot[åa]rsak(en|er)?\b|\b[åa]rsak(en|er)?\b|\bgrund[åa]rsag(en)?\b|\b[åa]rsag(en|er)?\b|\bпершопричина\b|коренева причина|\bпричин[аи]\b|аналіз причин|^(varf[öo]r|hvorfor|чому)( (h[äa]nde det|skjedde det|skete det|це сталося|сталося))?$|gy[öo]k[ée]rok(a)?|\bkiváltó oka?\b|\ba hiba oka\b|\bokok\b|\bαιτ[ίι](α|ες|ών)\b|β[άα]σικ[ήη] αιτ[ίι]α|ριζικ[ήη] αιτ[ίι]α|^cauz[aăe]\b|\bcauza (principal[ăa]|r[ăa]d[ăa]cin[ăa])\b|^cauzele\b|\bjuurisyy\b|\bsyy\b|\bsyyt\b|\bsyyanalyysi\b|السبب الجذري|\bالسبب\b|\bالأسباب\b|تحليل السبب|סיבת (ה)?שורש|\bסיבה\b|\bהסיבה\b|\bסיבות\b|למה זה קרה|^สาเหตุ|^ต้นเหตุ|^ต้นตอ|\bp[řr][íi][čc]in[ay]?\b|ko[řr]enov[áa] p[řr][íi][čc]ina|anal[ýy]za p[řr][íi][čc]in|\bعلت\b|\bعلل\b|ریشه مشکل|\bدلیل\b",
    ),
    (
        Role::Errors,
        r"\berrores\b|\bs[íi]ntomas\b|\berros\b|\bfehlermeldungen\b|\bsymptome\b|\berreurs\b|\bsympt[ôo]mes\b|\bошибки\b|\bсимптомы\b|\blỗi\b|triệu chứng|错误信息|错误日志|报错信息|问题现象|现象|症状|エラー内容|エラーメッセージ|現象|오류 메시지|\b증상\b|\berrori\b|\bsintomi\b|\bfoutmeldingen?\b|\bfouten\b|\bsymptomen\b|\bb[łl][ęe]dy\b|komunikaty? b[łl][ęe]d[óo]w|\bobjawy\b|hata mesajlar[ıi]|\bhatalar\b|\bbelirtiler\b|\bgejala\b|pesan (galat|kesalahan|error)|\bkesalahan\b|\bfelmeddelanden?\b|\bsymptom(en)?\b|\bfeilmeldinger?\b|\bfejlmeddelelser?\b|\bсимптоми\b|\bпомилки\b|повідомлення про помилк[уи]|\btünetek\b|\bhibaüzenet(ek)?\b|\bhibák\b|\bσυμπτ[ώω]ματα\b|\bσφ[άα]λματα\b|μ[ήη]νυμα σφ[άα]λματος|\bsimptome(le)?\b|\berori(le)?\b|\beroare(a)?\b|mesaj(e|ul)? de eroare|\boireet\b|\bvirheet\b|\bvirheilmoitu(s|kset)\b|\bالأعراض\b|\bالأخطاء\b|رسال(ة|ل) الخطأ|\bתסמינים\b|\bשגיאות\b|הודעת שגיאה|^อาการ|^ข้อผิดพลาด$|^ข้อความข้อผิดพลาด|\bchyby\b|\bp[řr][íi]znaky\b|\bخطاها\b|\bعلائم\b",
    ),
    (
        Role::Fix,
        r"\bsoluci[óo]n\b|\bresoluci[óo]n\b|\bcorrecci[óo]n\b|\bmitigaci[óo]n\b|\bsolu[çc][ãa]o\b|\bcorre[çc][ãa]o\b|\bresolu[çc][ãa]o\b|\bmitiga[çc][ãa]o\b|\bl[öo]sung\b|\bbehebung\b|fehlerbehebung|^behoben\b|\bkorrektur\b|\br[ée]solution\b|\bcorrectif\b|\bsolution\b|\bрешение\b|^решения\b|\bисправлени[еяй]\b|\bустранение\b|giải pháp|khắc phục|thay đổi đã thực hiện|\bsửa\b|\bxử lý\b|修复方案|修复|解决方案|解决方法|解决办法|解決方法|^解决$|^解決$|解決策|修正内容|修正|暫定対応|恒久対応|対応|対処|해결 방법|\b해결\b|해결책|수정 사항|correction(s)? appliqu[ée]e?s?|corrections? apport[ée]es?|mudan[çc]as? aplicadas?|mudan[çc]a aplicada|altera[çc](ão|ões) aplicadas?|cambios? aplicados?|correcci[óo]n aplicada|\bsoluzion[ei]\b|\brisoluzione\b|\bcorrezion[ei]\b|modifiche applicate|\bmitigazione\b|복구 절차|\b복구\b|임시 조치|영구 조치|조치 내용|\boplossing(en)?\b|\bherstel\b|\bcorrectie\b|\brozwi[ąa]zanie\b|\bnaprawa\b|\bpoprawk[ai]\b|\bçözüm\b|\bdüzeltme\b|geçici çözüm|kal[ıi]c[ıi] çözüm|\bsolusi\b|\bpenyelesaian\b|\bperbaikan\b|\bmitigasi\b|\bpemulihan\b|수정 방향|해결 방향|수정 방안|해결 방안|\bl[öo]sning(en|ar)?\b|\bkorrigering(en)?\b|\br[äa]ttning(en)?\b|\bl[øo]sning(en|er)?\b|\brettelse(n)?\b|\butbedring(en)?\b|\bвиправлення\b|\bрішення\b|\bусунення\b|\bripristino\b|\brecuperaci[óo]n\b|\brestauraci[óo]n\b|\brecupera[çc][ãa]o\b|\brestaura[çc][ãa]o\b|\br[ée]tablissement\b|\bwiederherstellung\b|\bвосстановление\b|\bвідновлення\b|\b[åa]terst[äa]llning(en)?\b|\bgjenoppretting(en)?\b|\bgenopretning(en)?\b|\bodzyskiwanie\b|\bkurtarma\b|khôi phục|恢复|復旧|\bmegoldás\b|\bjavítás(ok)?\b|\bhibaelhárítás\b|\bhelyreállítás\b|\bλ[ύυ]ση\b|\bδι[όο]ρθωση\b|\bεπ[ίι]λυση\b|\bαποκατ[άα]σταση\b|διορθωμ[έε]νος κ[ώω]δικας|\bsolu[țţ]i[ea]\b|\bremediere(a)?\b|\brezolvare(a)?\b|\bcorectare(a)?\b|\bcorec[țţ]i[ea]\b|\brestaurare(a)?\b|\bkorjaus\b|\bkorjaukset\b|\bratkaisu\b|\bالحل(ول)?\b|\bالإصلاح\b|\bالمعالجة\b|\bالتصحيح\b|\bתיקון\b|\bהתיקון\b|\bפתרון\b|\bהפתרון\b|\bתיקונים\b|^วิธีแก้|^การแก้ไข|^แนวทางแก้ไข|\b[řr]e[šs]en[íi]\b|\boprav[ay]\b|\bn[áa]prava\b|\bobnova\b|راه‌حل|راهحل|راه حل|رفع مشکل|\bاصلاح\b",
    ),
    // Changes alone hold code, as "Changes" does in English; changes made
    // are the fix (above).
    (
        Role::Change,
        r"^(los |as |die |les |le |i |de )?(cambios|mudan[çc]as|[äa]nderungen|modifications|изменения|modifiche|thay đổi|zmiany|wijzigingen|de[ğg]i[şs]iklikler|perubahan|[äa]ndringar(na)?|endringer|[æa]ndringer|зміни)$|^(a )?(változások|változtatások|módosítások)$|^(οι )?αλλαγ[έε]ς$|^modific[ăa]ri(le)?$|^muutokset$|^(التغييرات|التعديلات)$|^(ה)?שינויים$|^การเปลี่ยนแปลง$|^(lo )?qu[ée] cambi(a|ó|o)$|^o que (muda|mudou)$|^was sich [äa]ndert$|^ce qui a chang[ée]$|^cosa cambia$|^что (меняется|изменилось)$|^wat (er )?verandert$",
    ),
    (
        Role::Summary,
        r"\bresumen\b|\bresumo\b|\bvis[ãa]o geral\b|\bzusammenfassung\b|\b[üu]berblick\b|\br[ée]sum[ée]\b|\bsynth[èe]se\b|\bрезюме\b|краткое описание|\bобзор\b|tóm tắt|tổng quan|概述|摘要|事件概要|概要|要約|\b개요\b|\b요약\b|\briepilogo\b|\bsommario\b|\bpanoramica\b|\bsintesi\b|\bsamenvatting\b|\boverzicht\b|\bpodsumowanie\b|\bstreszczenie\b|\bprzegl[ąa]d\b|\bözet\b|genel bak[ıi][şs]|\bringkasan\b|\bikhtisar\b|gambaran umum|\bsammanfattning\b|\b[öo]versikt\b|\bsammendrag\b|\boppsummering\b|\boversikt\b|\boverblik\b|\bresum[ée]\b|\bогляд\b|\bпідсумок\b|короткий опис|\bösszefoglal(ó|ás)\b|\báttekintés\b|\bπερ[ίι]ληψη\b|\bσ[ύυ]νοψη\b|\brezumat\b|\bsumar\b|prezentare general[ăa]|\byhteenveto\b|\btiivistelmä\b|\byleiskatsaus\b|\bالملخص\b|\bملخص\b|نظرة عامة|\bסיכום\b|\bתקציר\b|^สรุป|^ภาพรวม|\bshrnut[íi]\b|\bsouhrn\b|\bخلاصه\b",
    ),
];

static SET: PerThread<WordSet> =
    PerThread::new(|| WordSet::new(ROLES.iter().map(|(_, p)| *p)).expect("language role set"));

/// The role a non-English heading or label names, if any; `lower` is the
/// cleaned, lower-cased text.
pub fn role(lower: &str) -> Option<Role> {
    SET.first_match(lower).map(|i| ROLES[i].0)
}

/// Common small words of English, and of languages that write a numeric
/// date day first (Spanish, Portuguese, French, Italian, German, Dutch,
/// Polish, Turkish, Vietnamese): "06/07/2026" is 6 July in all of those.
/// None that is also an English word or a common technical token ("do",
/// "die", "os", "com", "es").
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "was", "were", "is", "are", "be", "of", "to", "in", "at", "by", "from", "not",
    "we", "our", "with", "that", "this", "for", "on", "it", "has", "had", "have", "after", "when",
];
const DAY_FIRST_WORDS: &[&str] = &[
    "de", "el", "la", "los", "las", "del", "que", "por", "para", "con", "una", "da", "não", "foi",
    "uma", "le", "les", "du", "une", "pour", "dans", "avec", "pas", "qui", "sur", "della", "che",
    "sono", "der", "das", "und", "ist", "nicht", "mit", "ein", "eine", "wurde", "auf", "het",
    "een", "niet", "van", "nie", "się", "jest", "że", "ve", "bir", "için", "değil", "không", "của",
    "là", "được", "và",
];

/// Whether `text` (a report's prose) is written in a language whose
/// numeric dates put the day first: more of its small words than of
/// English's, or Cyrillic words (Russian, Ukrainian) outnumbering them.
/// English stays undecided: American and British order differ. Words
/// are read as written, in lower case, whole: "OS", "example.com" and
/// "non-root" are no words of other languages.
pub fn writes_dates_day_first(text: &str) -> bool {
    let (mut english, mut day_first) = (0usize, 0usize);
    for token in text.split_whitespace() {
        let w = token.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || w.contains(|c: char| !c.is_alphabetic()) {
            continue;
        }
        if w.chars().any(|c| matches!(c, '\u{400}'..='\u{4FF}')) {
            day_first += 1;
            continue;
        }
        let lower = w.to_lowercase();
        if ENGLISH_WORDS.contains(&lower.as_str()) {
            english += 1;
        } else if w == lower && DAY_FIRST_WORDS.contains(&w) {
            day_first += 1;
        }
    }
    day_first >= 3 && day_first > 2 * english
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sections::heading_role;

    #[test]
    fn main_roles_in_other_languages() {
        let cases: &[(&str, Role)] = &[
            // Spanish
            ("Resumen", Role::Summary),
            ("Causa raíz", Role::RootCause),
            ("Solución", Role::Fix),
            ("Lecciones aprendidas", Role::Lessons),
            ("Acciones futuras recomendadas", Role::ActionItems),
            ("Próximos pasos", Role::ActionItems),
            ("Cronología", Role::Timeline),
            // Portuguese
            ("Resumo", Role::Summary),
            ("Análise da causa raiz", Role::RootCause),
            ("Solução", Role::Fix),
            ("Mudança aplicada", Role::Fix),
            ("Lições aprendidas", Role::Lessons),
            ("Linha do tempo", Role::Timeline),
            ("Itens de ação", Role::ActionItems),
            ("O que o time deve fazer", Role::ActionItems),
            ("Ações Pendentes", Role::ActionItems),
            ("Qué cambia", Role::Change),
            ("O que mudou", Role::Change),
            ("Was sich ändert", Role::Change),
            ("O que falta", Role::ActionItems),
            ("Lo que queda", Role::ActionItems),
            ("Qué falta por hacer", Role::ActionItems),
            ("Reste à faire", Role::ActionItems),
            ("Empfehlung zur Entwicklungsdatenbank", Role::ActionItems),
            // German
            ("Zusammenfassung", Role::Summary),
            ("Ursache", Role::RootCause),
            ("Lösung", Role::Fix),
            ("Erkenntnisse", Role::Lessons),
            ("Nächste Schritte", Role::ActionItems),
            ("Offene Fäden", Role::ActionItems),
            ("Offene Punkte", Role::ActionItems),
            ("Auswirkungen", Role::Impact),
            ("Behoben", Role::Fix),
            ("Behoben in drei Schritten", Role::Fix),
            // French
            ("Résumé", Role::Summary),
            ("Cause racine", Role::RootCause),
            ("Correctif", Role::Fix),
            ("Correction appliquée", Role::Fix),
            ("Leçons apprises", Role::Lessons),
            ("Ce que j'ai appris", Role::Lessons),
            ("Actions futures", Role::ActionItems),
            ("Prochaines étapes", Role::ActionItems),
            ("Références", Role::References),
            // Russian
            ("Резюме", Role::Summary),
            ("Первопричина", Role::RootCause),
            ("Решение", Role::Fix),
            ("Извлечённые уроки", Role::Lessons),
            ("Исправления", Role::Fix),
            ("Урок", Role::Lessons),
            ("Хронология", Role::Timeline),
            ("Следующие шаги", Role::ActionItems),
            // Vietnamese
            ("Tóm tắt", Role::Summary),
            ("Nguyên nhân gốc rễ", Role::RootCause),
            ("Giải pháp", Role::Fix),
            ("Các thay đổi đã thực hiện", Role::Fix),
            ("Bài học kinh nghiệm", Role::Lessons),
            ("Dòng thời gian", Role::Timeline),
            ("Các bước tiếp theo", Role::ActionItems),
            // Chinese
            ("问题概述", Role::Summary),
            ("根本原因", Role::RootCause),
            ("原因分析", Role::RootCause),
            ("核心问题", Role::RootCause),
            ("修复方案", Role::Fix),
            ("解决", Role::Fix),
            ("经验教训", Role::Lessons),
            ("后续改进措施", Role::ActionItems),
            // Measures already taken are the fix.
            ("已添加的防护措施", Role::Fix),
            ("已采取的措施", Role::Fix),
            ("事件经过", Role::Timeline),
            // Japanese
            ("概要", Role::Summary),
            ("原因", Role::RootCause),
            ("解決方法", Role::Fix),
            ("学んだこと", Role::Lessons),
            ("今後の改善点", Role::ActionItems),
            ("再発防止策", Role::ActionItems),
            // Glossed in English: its own words first.
            ("再発防止策 (Preventive Measures)", Role::ActionItems),
            ("根本原因 (Root Cause)", Role::RootCause),
            ("Ảnh hưởng (Impact)", Role::Impact),
            ("Hạng mục hành động", Role::ActionItems),
            ("Zbývá dořešit (fáze 2)", Role::ActionItems),
            ("影響範囲", Role::Impact),
            // Korean
            ("근본 원인", Role::RootCause),
            ("해결 방법", Role::Fix),
            ("해결책", Role::Fix),
            ("배운 점", Role::Lessons),
            ("향후 조치", Role::ActionItems),
            // What was done, why it happened, what is recommended.
            ("Qué se hizo", Role::Fix),
            ("O que foi feito", Role::Fix),
            ("Mesures appliquées", Role::Fix),
            ("Was wir getan haben", Role::Fix),
            ("Что было сделано", Role::Fix),
            ("Por qué", Role::RootCause),
            ("¿Por qué ocurrió?", Role::RootCause),
            ("Warum?", Role::RootCause),
            ("Pourquoi ça a cassé", Role::RootCause),
            ("Warum es passiert ist", Role::RootCause),
            ("Почему это произошло", Role::RootCause),
            ("为什么会失败", Role::RootCause),
            ("Durcissement recommandé", Role::ActionItems),
            ("Recomendaciones", Role::ActionItems),
            ("Empfehlungen", Role::ActionItems),
            // What went well or wrong, actions taken and still to take.
            ("Qué funcionó", Role::Lessons),
            ("Lo que salió mal", Role::Lessons),
            ("O que deu errado", Role::Lessons),
            ("Was lief gut", Role::Lessons),
            ("Ce qui a mal fonctionné", Role::Lessons),
            ("Что пошло не так", Role::Lessons),
            ("학습 및 향후 대책", Role::Lessons),
            ("재발 방지 대책", Role::ActionItems),
            ("Acciones", Role::ActionItems),
            ("Acciones tomadas", Role::Fix),
            ("Ergriffene Maßnahmen", Role::Fix),
            ("Maßnahmen", Role::ActionItems),
            ("Cách sửa", Role::Fix),
            // Swedish, Norwegian, Danish
            ("Sammanfattning", Role::Summary),
            ("Grundorsaken", Role::RootCause),
            ("Grundorsak", Role::RootCause),
            ("Orsak", Role::RootCause),
            ("Lösningen", Role::Fix),
            ("Lösning", Role::Fix),
            ("Vidtagna åtgärder", Role::Fix),
            ("Åtgärder", Role::ActionItems),
            ("Nästa steg", Role::ActionItems),
            ("Lärdomar", Role::Lessons),
            ("Tidslinje", Role::Timeline),
            ("Påverkan", Role::Impact),
            ("Varför hände det?", Role::RootCause),
            ("Rotårsak", Role::RootCause),
            ("Løsning", Role::Fix),
            ("Tiltak", Role::ActionItems),
            ("Lærdommer", Role::Lessons),
            ("Årsag", Role::RootCause),
            ("Opfølgning", Role::ActionItems),
            // Ukrainian
            ("Виправлення", Role::Fix),
            ("Першопричина", Role::RootCause),
            ("Причина", Role::RootCause),
            ("Наступні кроки", Role::ActionItems),
            ("Висновки", Role::Lessons),
            ("Хронологія", Role::Timeline),
            ("Вплив", Role::Impact),
            ("Симптоми", Role::Errors),
            ("Зміни", Role::Change),
            // Recovery is the fix, as in English.
            ("Ripristino (cosa è stato fatto)", Role::Fix),
            ("Recuperación del servicio", Role::Fix),
            ("Wiederherstellung", Role::Fix),
            ("Восстановление", Role::Fix),
            ("Återställning", Role::Fix),
            ("復旧", Role::Fix),
            // Italian
            ("Riepilogo", Role::Summary),
            ("Causa principale", Role::RootCause),
            ("Analisi delle cause", Role::RootCause),
            ("Soluzione implementata", Role::Fix),
            ("Modifiche applicate", Role::Fix),
            ("Lezioni apprese", Role::Lessons),
            ("Cosa è andato storto", Role::Lessons),
            ("Prossimi passi", Role::ActionItems),
            ("Azioni correttive", Role::ActionItems),
            ("Impatto", Role::Impact),
            ("Cronologia", Role::Timeline),
            ("Riferimenti", Role::References),
            // Recovery steps, stopgap and lasting measures; a root source.
            ("복구 절차", Role::Fix),
            ("임시 조치", Role::Fix),
            ("영구 조치", Role::Fix),
            ("问题根源分析", Role::RootCause),
            // Dutch
            ("Samenvatting", Role::Summary),
            ("Oorzaak", Role::RootCause),
            ("Hoofdoorzaak", Role::RootCause),
            ("Oplossing", Role::Fix),
            ("Genomen maatregelen", Role::Fix),
            ("Geleerde lessen", Role::Lessons),
            ("Actiepunten", Role::ActionItems),
            ("Tijdlijn", Role::Timeline),
            ("Foutmeldingen", Role::Errors),
            // Polish
            ("Podsumowanie", Role::Summary),
            ("Przyczyna", Role::RootCause),
            ("Przyczyna źródłowa", Role::RootCause),
            ("Rozwiązanie", Role::Fix),
            ("Zmiany", Role::Change),
            ("Wprowadzone zmiany", Role::Fix),
            ("Wnioski", Role::Lessons),
            ("Dalsze kroki", Role::ActionItems),
            ("Oś czasu", Role::Timeline),
            ("Wpływ", Role::Impact),
            // Turkish
            ("Özet", Role::Summary),
            ("Kök Neden", Role::RootCause),
            ("Kök neden analizi", Role::RootCause),
            ("Çözüm", Role::Fix),
            ("Yapılan düzeltmeler", Role::Fix),
            ("Öğrenilen dersler", Role::Lessons),
            ("Aksiyon maddeleri", Role::ActionItems),
            ("📋 SONRAKİ ADIMLAR", Role::ActionItems),
            // Czech
            ("📋 Shrnutí", Role::Summary),
            ("Příčina", Role::RootCause),
            ("Analýza příčin", Role::RootCause),
            ("✅ Řešení", Role::Fix),
            ("Oprava", Role::Fix),
            ("Poučení", Role::Lessons),
            ("🎯 Doporučení do budoucna", Role::ActionItems),
            ("Další kroky", Role::ActionItems),
            ("Časová osa", Role::Timeline),
            ("Dopad", Role::Impact),
            // Persian
            ("خلاصه مشکل", Role::Summary),
            ("علت اصلی مشکل", Role::RootCause),
            ("راه‌حل", Role::Fix),
            ("راهحل", Role::Fix),
            ("درس‌های آموخته شده", Role::Lessons),
            ("اقدامات بعدی", Role::ActionItems),
            ("جدول زمانی", Role::Timeline),
            ("تأثیر", Role::Impact),
            ("Zaman çizelgesi", Role::Timeline),
            ("Etki", Role::Impact),
            // Indonesian
            ("Ringkasan", Role::Summary),
            ("Penyebab", Role::RootCause),
            ("Akar Masalah", Role::RootCause),
            ("Solusi yang Sudah Diterapkan", Role::Fix),
            ("Perbaikan", Role::Fix),
            ("Tindakan yang Diambil", Role::Fix),
            ("Pelajaran yang Dipetik", Role::Lessons),
            ("Pencegahan", Role::Lessons),
            ("Tindak Lanjut", Role::ActionItems),
            ("Langkah Selanjutnya", Role::ActionItems),
            ("Kronologi", Role::Timeline),
            ("Dampak", Role::Impact),
            ("Gejala", Role::Errors),
            ("Perubahan", Role::Change),
            ("Verifikasi Perbaikan", Role::Validation),
            ("Verificación de la solución", Role::Validation),
            ("Verificación de las acciones tomadas", Role::Validation),
            ("Überprüfung", Role::Validation),
            // Hungarian
            ("Összefoglaló", Role::Summary),
            ("A hiba oka", Role::RootCause),
            ("Gyökérok", Role::RootCause),
            ("Megoldás", Role::Fix),
            ("Megtett intézkedések", Role::Fix),
            ("Tanulságok", Role::Lessons),
            ("Következő lépések", Role::ActionItems),
            ("Tünetek", Role::Errors),
            ("Változások", Role::Change),
            // Greek, with and without accents
            ("Περίληψη", Role::Summary),
            ("Αιτία", Role::RootCause),
            ("ΒΑΣΙΚΗ ΑΙΤΙΑ", Role::RootCause),
            ("Λύση", Role::Fix),
            ("Διόρθωση", Role::Fix),
            ("Διδάγματα", Role::Lessons),
            ("Επόμενα βήματα", Role::ActionItems),
            ("Αλλαγές", Role::Change),
            // Romanian, both forms of ș and ț
            ("Rezumat", Role::Summary),
            ("Cauza principală", Role::RootCause),
            ("Soluție implementată", Role::Fix),
            ("Soluţia", Role::Fix),
            ("Acțiuni întreprinse", Role::Fix),
            ("Lecții învățate", Role::Lessons),
            ("Recomandări pentru viitor", Role::ActionItems),
            ("Pașii următori", Role::ActionItems),
            ("Modificări", Role::Change),
            // Finnish
            ("Yhteenveto", Role::Summary),
            ("Juurisyy — kolme osaa", Role::RootCause),
            ("Korjaus", Role::Fix),
            ("Opitut asiat", Role::Lessons),
            ("Jatkotoimenpiteet", Role::ActionItems),
            ("Aikajana", Role::Timeline),
            // Norwegian, singular
            ("Lærdom", Role::Lessons),
            // Arabic
            ("الملخص", Role::Summary),
            ("السبب الجذري", Role::RootCause),
            ("الحل", Role::Fix),
            ("الدروس المستفادة", Role::Lessons),
            ("الخطوات التالية", Role::ActionItems),
            ("الجدول الزمني", Role::Timeline),
            // Hebrew
            ("סיכום", Role::Summary),
            ("סיבת השורש", Role::RootCause),
            ("התיקון", Role::Fix),
            ("לקחים", Role::Lessons),
            ("צעדים הבאים", Role::ActionItems),
            // Thai, written without spaces between words
            ("สรุป", Role::Summary),
            ("สาเหตุ (file:line)", Role::RootCause),
            ("วิธีแก้ไข", Role::Fix),
            ("บทเรียนที่ได้รับ", Role::Lessons),
            ("ขั้นตอนถัดไป", Role::ActionItems),
            ("การแก้ไขข้อผิดพลาด", Role::Fix),
            // Phrasings met in real reports of languages above.
            ("수정 방향", Role::Fix),
            (
                "Règle à retenir pour les prochaines éditions",
                Role::Lessons,
            ),
            ("Points à retenir", Role::Lessons),
            ("Acción requerida del usuario", Role::ActionItems),
        ];
        for (heading, want) in cases {
            assert_eq!(heading_role(heading), Some(*want), "{heading}");
        }
    }

    #[test]
    fn an_english_erratum_is_not_a_french_fix() {
        use crate::extract::sections::{label_kind, LabelKind};
        assert_eq!(label_kind("Correction (2026-06-20)", "x"), LabelKind::Plain);
        assert_eq!(
            label_kind("Causa raíz", "x"),
            LabelKind::Role(Role::RootCause)
        );
    }

    #[test]
    fn ordinary_words_name_no_role() {
        for heading in [
            "Acciones de la empresa en bolsa",
            "Acknowledgments",
            "Appendix",
            "Ausblick",
            "Annexe",
            "Приложение",
            "Bijlage",
            "Załącznik",
            "Ekler",
            "Lampiran",
            "Terima kasih",
            // "Why" only at the start, and only as a word.
            "왜곡된 그래프",
            "Warumungen",
            // A loop (الحلقة) holds the letters of "the solution" (الحل).
            "الحلقة الأولى",
            "Mitä teimme hyvin",
            // "Because of" is no cause heading; revision history no fix.
            "Întrerupere din cauza certificatului expirat",
            "ประวัติการแก้ไข",
            // Not fixed, and decision-making, are no fix.
            "Nicht behoben",
            "Принятие решения",
        ] {
            assert_eq!(heading_role(heading), None, "{heading}");
        }
        // Authentication and backup share words with checking a fix.
        for heading in [
            "שגיאות אימות",
            "Varmistus",
            "التحقق من الهوية",
            "Hozzáférés-ellenőrzés",
        ] {
            assert_ne!(heading_role(heading), Some(Role::Validation), "{heading}");
        }
        // What was done well or badly is a lesson, not the fix.
        for heading in [
            "Lo que hicimos bien",
            "O que fizemos mal",
            "Что мы сделали хорошо",
            "Co zrobiliśmy dobrze",
        ] {
            assert_ne!(heading_role(heading), Some(Role::Fix), "{heading}");
        }
        // Why the fix works is not the cause.
        for heading in [
            "为什么能修复",
            "Perché Nullable è corretto",
            "Por qué funciona",
        ] {
            assert_ne!(heading_role(heading), Some(Role::RootCause), "{heading}");
        }
    }
}
