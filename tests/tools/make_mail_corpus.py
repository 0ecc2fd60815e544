#!/usr/bin/env python3
"""Writes the corpus of Japanese inbound mails the inbound-mail tests read, as real .eml bytes.

Usage: tests/tools/make_mail_corpus.py [OUTPUT_DIR]
       (default: tests/ConsultDesk.UnitTests/Inbound/Corpus next to this script's repository)

Every mail is built byte by byte here, with Python's own codecs (utf-8, iso2022_jp, cp932, euc_jp), so the tests
check the C# reader against encoders it does not share. Next to the mails, expected.json lists for each file what
the reader must produce: sender, subject, the whole text, the new text, the folded quoted history, and whether loop
protection ignores it (and why). The files are committed; run this again only to change the corpus.
"""
import base64
import json
import pathlib
import quopri
import sys

CRLF = "\r\n"
DESK = "desk@consultdesk.example.jp"
DATE = "Fri, 20 Nov 2026 10:00:00 +0900"
# The acknowledgement a reply answers; the integration tests put a real one in its place.
ACK_ID = "0196a4c1d2e37f00b1c2d3e4f5a6b7c8@consultdesk.example.jp"


# --- encoders ---------------------------------------------------------------------------------------------------------

def iso2022jp(text):
    # Windows (and .NET's CP50220) read JIS 0x2141 as U+FF5E FULLWIDTH TILDE; Python's JIS table calls it U+301C
    # WAVE DASH. Japanese Windows users type U+FF5E, so the expected texts use it and we encode it as JIS 0x2141.
    return text.replace("\uff5e", "\u301c").encode("iso2022_jp")


def iso2022jp_nec(text):
    """ISO-2022-JP as Outlook and Thunderbird really send it: NEC row 13 (①, ㈱ …) written in JIS two-byte mode."""
    out = bytearray()
    jis_mode = False
    for ch in text:
        if ord(ch) < 0x80:
            if jis_mode:
                out += b"\x1b(B"
                jis_mode = False
            out += ch.encode("ascii")
            continue
        s1, s2 = ch.encode("cp932")
        # Shift_JIS -> JIS X 0208 row/cell (the arithmetic every Japanese mailer has carried since the 1990s)
        if s1 >= 0xE0:
            s1 -= 0x40
        row = (s1 - 0x81) * 2 + 0x21
        if s2 >= 0x9F:
            row += 1
            cell = s2 - 0x7E
        else:
            cell = s2 - 0x1F - (1 if s2 >= 0x80 else 0)
        if not jis_mode:
            out += b"\x1b$B"
            jis_mode = True
        out += bytes([row, cell])
    if jis_mode:
        out += b"\x1b(B"
    return bytes(out)


def b64_body(data):
    encoded = base64.b64encode(data).decode("ascii")
    return CRLF.join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + CRLF


def qp_body(data):
    # quopri works on LF lines; the mail gets CRLF afterwards.
    return quopri.encodestring(data).decode("ascii").replace("\n", CRLF)


def ew_b(data, charset):
    return f"=?{charset}?B?{base64.b64encode(data).decode('ascii')}?="


def ew_q(data, charset):
    safe = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/"
    out = "".join(chr(b) if b in safe else "_" if b == 0x20 else f"={b:02X}" for b in data)
    return f"=?{charset}?Q?{out}?="


def crlf_text(text):
    return text.replace("\n", CRLF)


def headers(*lines):
    return "".join(line + CRLF for line in lines)


def mail(head, body_bytes):
    """head is str (ASCII, raw header bytes carried as latin-1); body is bytes, or ASCII str (base64, QP)."""
    if isinstance(body_bytes, str):
        body_bytes = body_bytes.encode("ascii")
    return head.encode("latin-1") + CRLF.encode("ascii") + body_bytes


def raw(data):
    """Raw 8-bit or ESC header bytes, carried through the latin-1 head string unchanged."""
    return data.decode("latin-1")


# --- the corpus ---------------------------------------------------------------------------------------------------

CORPUS = []


def add(name, description, data, *, from_address, from_name, subject, text, new_text=None, quoted_text=None,
        html=False, ignored=None, message_id=None):
    CORPUS.append(dict(file=name, description=description, data=data, expected=dict(
        fromAddress=from_address, fromName=from_name, subject=subject, text=text,
        newText=text if new_text is None else new_text, quotedText=quoted_text, html=html, ignored=ignored,
        messageId=message_id)))


def body_text(body):
    return body.rstrip().lstrip("\n")


# 01 UTF-8, base64, encoded-word subject and name; a character outside the BMP (𠮷).
subject = "サテライトオフィス開設のご相談（北海道）"
body = ("地方創生テレワーク相談窓口 御中\n\nお世話になっております。株式会社サンプルの山田です。\n"
        "サテライトオフィスの開設について相談したく、ご連絡しました。\n𠮷野町の物件を検討しています。\n\nよろしくお願いいたします。\n")
add("01-utf8-base64.eml", "UTF-8, base64 body, RFC 2047 B subject and display name, a non-BMP kanji",
    mail(headers(f"From: {ew_b('山田 太郎'.encode(), 'UTF-8')} <yamada.taro@example.jp>",
                 f"To: {DESK}", f"Subject: {ew_b(subject.encode(), 'UTF-8')}", f"Date: {DATE}",
                 "Message-ID: <corpus-01@example.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"),
         b64_body(crlf_text(body).encode("utf-8")).encode("ascii")),
    from_address="yamada.taro@example.jp", from_name="山田 太郎", subject=subject, text=body_text(body),
    message_id="corpus-01@example.jp")

# 02 UTF-8, quoted-printable (long lines get soft breaks), Q-encoded subject.
subject = "テレワーク導入補助金について①"
body = ("補助金の対象経費について教えてください。①通信機器②サテライトオフィスの賃料③㈱サンプルへの委託費、"
        "この三つが対象になるかどうか、また申請の締め切りがいつなのかを確認したいと考えております。\n\n佐々木\n")
add("02-utf8-qp.eml", "UTF-8, quoted-printable body with soft line breaks, RFC 2047 Q subject",
    mail(headers("From: sasaki@example.co.jp", f"To: {DESK}", f"Subject: {ew_q(subject.encode(), 'UTF-8')}",
                 f"Date: {DATE}", "Message-ID: <corpus-02@example.co.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=\"utf-8\"", "Content-Transfer-Encoding: quoted-printable"),
         qp_body(body.encode("utf-8")).encode("ascii")),
    from_address="sasaki@example.co.jp", from_name=None, subject=subject, text=body_text(body),
    message_id="corpus-02@example.co.jp")

# 03 UTF-8 8bit, raw UTF-8 in the Subject and From headers (RFC 6532).
subject = "ワーケーションの受け入れ体制"
body = "長野県内でワーケーションの受け入れを考えています。\n宿泊施設との連携方法を知りたいです。\n"
add("03-utf8-8bit-headers.eml", "UTF-8 8bit body, raw UTF-8 Subject and display name (RFC 6532)",
    mail(headers(f"From: {raw('佐藤 花子'.encode())} <hanako@example.jp>", f"To: {DESK}",
                 f"Subject: {raw(subject.encode())}", f"Date: {DATE}", "Message-ID: <corpus-03@example.jp>",
                 "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("utf-8")),
    from_address="hanako@example.jp", from_name="佐藤 花子", subject=subject, text=body_text(body),
    message_id="corpus-03@example.jp")

# 04 ISO-2022-JP 7bit, the classic Japanese mail; a wave dash (～) in a time range.
subject = "移住支援金の申請方法"
body = "鈴木と申します。\n移住支援金の申請方法を教えてください。\n平日 9:00～17:00 であれば電話に出られます。\n"
add("04-iso2022jp-7bit.eml", "ISO-2022-JP 7bit body, B-encoded ISO-2022-JP subject and name, wave dash",
    mail(headers(f"From: {ew_b(iso2022jp('鈴木 一郎'), 'ISO-2022-JP')} <suzuki@example.ne.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(iso2022jp(subject), 'ISO-2022-JP')}", f"Date: {DATE}",
                 "Message-ID: <corpus-04@example.ne.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"),
         iso2022jp(body.replace("\n", CRLF))),
    from_address="suzuki@example.ne.jp", from_name="鈴木 一郎", subject=subject, text=body_text(body),
    message_id="corpus-04@example.ne.jp")

# 05 ISO-2022-JP in quoted-printable (ESC becomes =1B), Q-encoded ISO-2022-JP subject.
subject = "オンライン相談の予約"
body = "来週の水曜日にオンライン相談を予約したいです。\n候補：11月25日 14:00、11月26日 10:00\n"
add("05-iso2022jp-qp.eml", "ISO-2022-JP body in quoted-printable, Q-encoded ISO-2022-JP subject",
    mail(headers("From: \"Kobayashi\" <kobayashi@example.jp>", f"To: {DESK}",
                 f"Subject: {ew_q(iso2022jp(subject), 'iso-2022-jp')}", f"Date: {DATE}",
                 "Message-ID: <corpus-05@example.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=iso-2022-jp", "Content-Transfer-Encoding: quoted-printable"),
         qp_body(iso2022jp(body))),
    from_address="kobayashi@example.jp", from_name="Kobayashi", subject=subject, text=body_text(body),
    message_id="corpus-05@example.jp")

# 06 A long ISO-2022-JP subject in three encoded-words over folded lines, each word back in ASCII at its end.
parts = ["【ご相談】地方創生テレワーク", "推進交付金の対象経費と", "申請スケジュールについて"]
subject = "".join(parts)
body = "標記の件、ご教示ください。\n"
folded = ("Subject: " + ew_b(iso2022jp(parts[0]), "ISO-2022-JP") + CRLF + " " + ew_b(iso2022jp(parts[1]), "ISO-2022-JP")
          + CRLF + "\t" + ew_b(iso2022jp(parts[2]), "ISO-2022-JP"))
add("06-iso2022jp-folded-subject.eml", "a long ISO-2022-JP subject as three B encoded-words over folded lines",
    mail(headers("From: nakamura@example.lg.jp", f"To: {DESK}", folded, f"Date: {DATE}",
                 "Message-ID: <corpus-06@example.lg.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=\"ISO-2022-JP\"", "Content-Transfer-Encoding: 7bit"),
         iso2022jp(body.replace("\n", CRLF))),
    from_address="nakamura@example.lg.jp", from_name=None, subject=subject, text=body_text(body),
    message_id="corpus-06@example.lg.jp")

# 07 ISO-2022-JP carrying NEC special characters (①②㈱) the way Windows mailers write them (CP50220).
subject = "①会場と②通信環境について"
body = "㈱サンプルの伊藤です。\n①会場の確保\n②通信環境の整備\nについて相談させてください。\n"
add("07-iso2022jp-nec-specials.eml", "ISO-2022-JP with NEC row 13 characters (①②㈱) in JIS mode, as Outlook sends",
    mail(headers(f"From: {ew_b(iso2022jp_nec('伊藤 ㈱サンプル'), 'ISO-2022-JP')} <ito@example.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(iso2022jp_nec(subject), 'ISO-2022-JP')}", f"Date: {DATE}",
                 "Message-ID: <corpus-07@example.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"),
         iso2022jp_nec(body.replace("\n", CRLF))),
    from_address="ito@example.jp", from_name="伊藤 ㈱サンプル", subject=subject, text=body_text(body),
    message_id="corpus-07@example.jp")

# 08 Declared Shift_JIS, really CP932: 機種依存文字 ①②㈱髙, half-width katakana, FULLWIDTH TILDE.
subject = "㈱髙橋製作所より①②の件"
body = "髙橋です。\n①オフィス見学\n②補助金の相談\nｻﾃﾗｲﾄｵﾌｨｽの件は 10:00～12:00 で伺います。\n㈱髙橋製作所\n"
add("08-shiftjis-cp932.eml", "declared Shift_JIS, CP932 bytes with ①②㈱髙 and half-width katakana, 8bit",
    mail(headers(f"From: {ew_b('髙橋 一郎'.encode('cp932'), 'Shift_JIS')} <takahashi@example.co.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(subject.encode('cp932'), 'Shift_JIS')}", f"Date: {DATE}",
                 "Message-ID: <corpus-08@example.co.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("cp932")),
    from_address="takahashi@example.co.jp", from_name="髙橋 一郎", subject=subject, text=body_text(body),
    message_id="corpus-08@example.co.jp")

# 09 No charset anywhere: CP932 bytes in the body and raw in the Subject and From headers.
subject = "問い合わせ（①移住 ②就業）"
body = "はじめまして、渡辺と申します。\n①移住先の探し方\n②地元企業での就業\nについて教えてください。㈱は付けていません。\n"
add("09-nocharset-cp932.eml", "no charset declared: CP932 body, raw 8-bit CP932 Subject and display name",
    mail(headers(f"From: {raw('渡辺 ①'.encode('cp932'))} <watanabe@example.jp>", f"To: {DESK}",
                 f"Subject: {raw(subject.encode('cp932'))}", f"Date: {DATE}", "Message-ID: <corpus-09@example.jp>",
                 "MIME-Version: 1.0", "Content-Type: text/plain", "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("cp932")),
    from_address="watanabe@example.jp", from_name="渡辺 ①", subject=subject, text=body_text(body),
    message_id="corpus-09@example.jp")

# 10 No MIME headers at all: ISO-2022-JP body and raw ESC sequences in the Subject (1990s Japanese mail).
subject = "空き家の活用について"
body = "加藤です。\n町内の空き家をサテライトオフィスに活用できないか相談したいです。\n"
add("10-nocharset-iso2022jp.eml", "no MIME headers: ISO-2022-JP body and unencoded ISO-2022-JP (ESC) Subject",
    mail(headers(f"From: kato@example.or.jp", f"To: {DESK}", f"Subject: {raw(iso2022jp(subject))}", f"Date: {DATE}",
                 "Message-ID: <corpus-10@example.or.jp>"),
         iso2022jp(body.replace("\n", CRLF))),
    from_address="kato@example.or.jp", from_name=None, subject=subject, text=body_text(body),
    message_id="corpus-10@example.or.jp")

# 11 No charset: EUC-JP bytes (Unix mailers), raw in the Subject too.
subject = "企業版ふるさと納税との併用"
body = "吉田と申します。\n企業版ふるさと納税とテレワーク交付金は併用できますか。\nご回答をお待ちしております。\n"
add("11-nocharset-eucjp.eml", "no charset declared: EUC-JP body and raw EUC-JP Subject",
    mail(headers("From: yoshida@example.jp", f"To: {DESK}", f"Subject: {raw(subject.encode('euc_jp'))}",
                 f"Date: {DATE}", "Message-ID: <corpus-11@example.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain", "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("euc_jp")),
    from_address="yoshida@example.jp", from_name=None, subject=subject, text=body_text(body),
    message_id="corpus-11@example.jp")

# 12 Declared EUC-JP in base64.
subject = "セミナー参加の申し込み"
body = "山本です。\n十二月のセミナーに二名で参加したいです。\n"
add("12-eucjp-base64.eml", "declared EUC-JP, base64 body, B-encoded EUC-JP subject",
    mail(headers("From: yamamoto@example.jp", f"To: {DESK}", f"Subject: {ew_b(subject.encode('euc_jp'), 'EUC-JP')}",
                 f"Date: {DATE}", "Message-ID: <corpus-12@example.jp>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=EUC-JP", "Content-Transfer-Encoding: base64"),
         b64_body(crlf_text(body).encode("euc_jp")).encode("ascii")),
    from_address="yamamoto@example.jp", from_name=None, subject=subject, text=body_text(body),
    message_id="corpus-12@example.jp")

# 13 HTML only (no text part): the reader renders text from it.
subject = "テレワーク規程の雛形"
html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
        "<style>p { margin: 0 }</style><title>無題</title></head>\n<body>\n"
        "<div>お世話になっております。<br>株式会社サンプルの田中です。</div>\n"
        "<p>テレワーク規程の雛形について &amp; 就業規則の変更点を&nbsp;教えてください。</p>\n"
        "<ul>\n  <li>対象者の範囲</li>\n  <li>通信費の負担</li>\n</ul>\n"
        "<p>詳しくは<a href=\"https://example.jp/plan\">計画書</a>をご覧ください。</p>\n"
        "<script>alert(\"x\")</script>\n</body></html>\n")
text = ("お世話になっております。\n株式会社サンプルの田中です。\n\n"
        "テレワーク規程の雛形について & 就業規則の変更点を 教えてください。\n\n"
        "- 対象者の範囲\n- 通信費の負担\n\n"
        "詳しくは計画書 (https://example.jp/plan)をご覧ください。")
add("13-html-only.eml", "HTML only (UTF-8, quoted-printable): text rendered from the HTML",
    mail(headers(f"From: {ew_b('田中 美咲'.encode(), 'UTF-8')} <tanaka@example.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(subject.encode(), 'UTF-8')}", f"Date: {DATE}", "Message-ID: <corpus-13@example.jp>",
                 "MIME-Version: 1.0", "Content-Type: text/html; charset=UTF-8",
                 "Content-Transfer-Encoding: quoted-printable"),
         qp_body(html.encode("utf-8")).encode("ascii")),
    from_address="tanaka@example.jp", from_name="田中 美咲", subject=subject, text=text, html=True,
    message_id="corpus-13@example.jp")

# 14 A reply (Gmail, Japanese UI): new text, a Japanese quote header, quoted lines.
subject = "Re: 【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-000123）"
new = "ご連絡ありがとうございます。\n来週の火曜日 10:00～11:00 でお願いします。"
quoted = ("2026年11月20日(金) 10:00 地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>:\n"
          "> 山田 太郎 様\n>\n> このたびは地方創生テレワーク相談窓口にお問い合わせいただき、ありがとうございます。\n"
          "> 受付番号：CD-2026-000123")
body = new + "\n\n" + quoted + "\n"
add("14-reply-gmail-ja.eml", "a reply with In-Reply-To/References and a Gmail (ja) quote header, UTF-8 base64",
    mail(headers(f"From: {ew_b('山田 太郎'.encode(), 'UTF-8')} <yamada.taro@example.jp>",
                 f"To: {ew_b('地方創生テレワーク相談窓口'.encode(), 'UTF-8')} <{DESK}>",
                 f"Subject: {ew_b(subject.encode(), 'UTF-8')}", f"Date: {DATE}", "Message-ID: <corpus-14@mail.example.jp>",
                 f"In-Reply-To: <{ACK_ID}>", f"References: <{ACK_ID}>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=\"UTF-8\"", "Content-Transfer-Encoding: base64"),
         b64_body(crlf_text(body).encode("utf-8")).encode("ascii")),
    from_address="yamada.taro@example.jp", from_name="山田 太郎", subject=subject, text=body_text(body),
    new_text=new, quoted_text=quoted, message_id="corpus-14@mail.example.jp")

# 15 A reply from Outlook in Shift_JIS: "-----Original Message-----" and the header block are quoted history.
subject = "RE: 【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-000124）"
new = "お世話になっております。㈱髙橋製作所の髙橋です。\n資料を拝見しました。①と②の両方でお願いします。"
quoted = ("-----Original Message-----\nFrom: 地方創生テレワーク相談窓口 <desk@consultdesk.example.jp>\n"
          "Sent: Friday, November 20, 2026 10:00 AM\nTo: takahashi@example.co.jp\n"
          "Subject: 【地方創生テレワーク相談窓口】お問い合わせを受け付けました（CD-2026-000124）\n\n髙橋 一郎 様")
body = new + "\n\n" + quoted + "\n"
add("15-reply-outlook-shiftjis.eml", "an Outlook reply in Shift_JIS (CP932) base64 with -----Original Message-----",
    mail(headers(f"From: {ew_b('髙橋 一郎'.encode('cp932'), 'shift_jis')} <takahashi@example.co.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(subject.encode('cp932'), 'shift_jis')}", f"Date: {DATE}",
                 "Message-ID: <corpus-15@example.co.jp>", f"In-Reply-To: <{ACK_ID}>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=\"shift_jis\"", "Content-Transfer-Encoding: base64"),
         b64_body(crlf_text(body).encode("cp932")).encode("ascii")),
    from_address="takahashi@example.co.jp", from_name="髙橋 一郎", subject=subject, text=body_text(body),
    new_text=new, quoted_text=quoted, message_id="corpus-15@example.co.jp")

# 16 An out-of-office auto-reply to our acknowledgement (Auto-Submitted, X-Auto-Response-Suppress).
subject = "自動応答: 【地方創生テレワーク相談窓口】お問い合わせを受け付けました"
body = "11月27日まで不在にしております。\n急ぎの場合は代表番号へお電話ください。\n"
add("16-auto-reply.eml", "an out-of-office auto-reply (Auto-Submitted: auto-replied) in ISO-2022-JP",
    mail(headers(f"From: {ew_b(iso2022jp('山田 太郎'), 'ISO-2022-JP')} <yamada.taro@example.jp>", f"To: {DESK}",
                 f"Subject: {ew_b(iso2022jp(subject), 'ISO-2022-JP')}", f"Date: {DATE}",
                 "Message-ID: <corpus-16@example.jp>", f"In-Reply-To: <{ACK_ID}>", "Auto-Submitted: auto-replied",
                 "X-Auto-Response-Suppress: All", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"),
         iso2022jp(body.replace("\n", CRLF))),
    from_address="yamada.taro@example.jp", from_name="山田 太郎", subject=subject, text=body_text(body),
    ignored="auto-submitted", message_id="corpus-16@example.jp")

# 17 A delivery status notification (RFC 3464): multipart/report; report-type=delivery-status.
subject = "Undelivered Mail Returned to Sender"
human = ("This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message "
         "could not\nbe delivered to one or more recipients.\n\n<nobody@example.net>: host mx.example.net said: "
         "550 5.1.1 User unknown\n")
dsn = ("Reporting-MTA: dns; mx.example.net\nArrival-Date: Fri, 20 Nov 2026 10:00:00 +0900\n\n"
       "Final-Recipient: rfc822; nobody@example.net\nAction: failed\nStatus: 5.1.1\n"
       "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n")
original = (f"From: 地方創生テレワーク相談窓口 <{DESK}>\nTo: nobody@example.net\nMessage-ID: <{ACK_ID}>\n"
            "Subject: =?utf-8?B?5Y+X5LuY?=\n")
boundary = "dsn-boundary-17"
body = (f"This is a MIME-encapsulated message.\n\n--{boundary}\nContent-Description: Notification\n"
        f"Content-Type: text/plain; charset=us-ascii\n\n{human}\n--{boundary}\nContent-Description: Delivery report\n"
        f"Content-Type: message/delivery-status\n\n{dsn}\n--{boundary}\nContent-Description: Undelivered Message Headers\n"
        f"Content-Type: text/rfc822-headers; charset=utf-8\n\n{original}\n--{boundary}--\n")
add("17-dsn-bounce.eml", "a delivery status notification (multipart/report; report-type=delivery-status)",
    mail(headers("From: MAILER-DAEMON@mx.example.net (Mail Delivery System)", f"To: {DESK}", f"Subject: {subject}",
                 f"Date: {DATE}", "Message-ID: <corpus-17@mx.example.net>", "MIME-Version: 1.0",
                 f"Content-Type: multipart/report; report-type=delivery-status; boundary=\"{boundary}\""),
         crlf_text(body).encode("utf-8")),
    from_address="MAILER-DAEMON@mx.example.net", from_name="Mail Delivery System", subject=subject,
    text=body_text(human), ignored="bounce", message_id="corpus-17@mx.example.net")

# 18 A plain-text failure notice from a mailer-daemon (no multipart/report).
subject = "Delivery Status Notification (Failure)"
body = "** アドレスが見つかりません **\n\nnobody@example.net にメールを配信できませんでした。\n"
add("18-mailer-daemon.eml", "a plain-text failure notice from mailer-daemon (UTF-8), no DSN structure",
    mail(headers("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>", f"To: {DESK}", f"Subject: {subject}",
                 f"Date: {DATE}", "Message-ID: <corpus-18@mail.gmail.com>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"),
         b64_body(crlf_text(body).encode("utf-8")).encode("ascii")),
    from_address="mailer-daemon@googlemail.com", from_name="Mail Delivery Subsystem", subject=subject,
    text=body_text(body), ignored="mailer-daemon", message_id="corpus-18@mail.gmail.com")

# 19 multipart/alternative: ISO-2022-JP text part and UTF-8 HTML part; the text part wins.
subject = "地域おこし協力隊との連携"
plain = "松本です。\n地域おこし協力隊と企業の連携事例を知りたいです。\n"
html = "<p>松本です。</p><p>地域おこし協力隊と<b>企業</b>の連携事例を知りたいです。</p>"
boundary = "alt-boundary-19"
body = (f"--{boundary}{CRLF}Content-Type: text/plain; charset=ISO-2022-JP{CRLF}Content-Transfer-Encoding: 7bit{CRLF}{CRLF}"
        ).encode("ascii") + iso2022jp(plain.replace("\n", CRLF)) + (
        f"{CRLF}--{boundary}{CRLF}Content-Type: text/html; charset=UTF-8{CRLF}Content-Transfer-Encoding: base64{CRLF}{CRLF}"
        + b64_body(html.encode("utf-8")) + f"--{boundary}--{CRLF}").encode("ascii")
add("19-alternative-iso2022jp.eml", "multipart/alternative: ISO-2022-JP text/plain beside UTF-8 HTML",
    mail(headers("From: matsumoto@example.jp", f"To: {DESK}", f"Subject: {ew_b(iso2022jp(subject), 'ISO-2022-JP')}",
                 f"Date: {DATE}", "Message-ID: <corpus-19@example.jp>", "MIME-Version: 1.0",
                 f"Content-Type: multipart/alternative; boundary=\"{boundary}\""), body),
    from_address="matsumoto@example.jp", from_name=None, subject=subject, text=body_text(plain),
    message_id="corpus-19@example.jp")

# 20 No Message-ID at all: the reader keys it by a digest of its bytes.
subject = "メッセージIDのないメール"
body = "古いメールソフトから送っています。\n"
add("20-no-message-id.eml", "no Message-ID header (keyed by a digest of the raw bytes)",
    mail(headers("From: inoue@example.jp", f"To: {DESK}", f"Subject: {ew_b(subject.encode(), 'UTF-8')}",
                 f"Date: {DATE}", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
                 "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("utf-8")),
    from_address="inoue@example.jp", from_name=None, subject=subject, text=body_text(body))

# 21 A newsletter (Precedence: bulk, List-Id).
subject = "【メルマガ】地方創生ニュース 第100号"
body = "今月の地方創生ニュースをお届けします。\n"
add("21-newsletter-bulk.eml", "a newsletter with Precedence: bulk and List-Id",
    mail(headers("From: news@example.org", f"To: {DESK}", f"Subject: {ew_b(subject.encode(), 'UTF-8')}",
                 f"Date: {DATE}", "Message-ID: <corpus-21@example.org>", "Precedence: bulk",
                 "List-Id: <news.example.org>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
                 "Content-Transfer-Encoding: 8bit"),
         crlf_text(body).encode("utf-8")),
    from_address="news@example.org", from_name=None, subject=subject, text=body_text(body), ignored="bulk",
    message_id="corpus-21@example.org")

# 22 format=flowed; delsp=yes (Thunderbird): soft line breaks are joined, the signature separator stays.
subject = "Question about relocating"
wire = ("Hello, I am thinking about moving to Tokushima and keeping my job in Tokyo. \r\n"
        "Could you tell me which subsidies apply? \r\n"
        "Thank you.\r\n\r\n-- \r\nAlex Smith\r\n")
text = ("Hello, I am thinking about moving to Tokushima and keeping my job in Tokyo. "
        "Could you tell me which subsidies apply? Thank you.\n\n-- \nAlex Smith")
add("22-flowed-english.eml", "English text/plain; format=flowed with soft line breaks and a signature",
    mail(headers("From: Alex Smith <alex@example.com>", f"To: {DESK}", f"Subject: {subject}", f"Date: {DATE}",
                 "Message-ID: <corpus-22@example.com>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=UTF-8; format=flowed", "Content-Transfer-Encoding: 7bit"),
         wire.encode("ascii")),
    from_address="alex@example.com", from_name="Alex Smith", subject=subject, text=text,
    message_id="corpus-22@example.com")


def main():
    here = pathlib.Path(__file__).resolve().parent
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "ConsultDesk.UnitTests" / "Inbound" / "Corpus"
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for entry in CORPUS:
        (out / entry["file"]).write_bytes(entry["data"])
        manifest.append(dict(file=entry["file"], description=entry["description"], **entry["expected"]))
    (out / "expected.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(CORPUS)} mails and expected.json to {out}")


if __name__ == "__main__":
    main()
