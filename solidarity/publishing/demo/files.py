"""The demo's image and PDF booklets, drawn at load time so the repository holds no binaries."""

import io

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont


def text_pdf(*, title, pages):
    """A small PDF of Helvetica text: `pages` is a list of pages, each a list of lines.

    Written by hand (no PDF library needed); lines must be Latin-1.
    """

    def escape(line):
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # the page tree, once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + escape(title).encode("latin-1") + b") /Producer (Solidarity demo) >>",
    ]
    page_numbers = []
    for lines in pages:
        stream = ["BT", "/F2 18 Tf", "56 780 Td", "22 TL"]
        for index, line in enumerate(lines):
            if index == 1:
                stream += ["/F1 11 Tf", "15 TL"]
            stream.append(f"({escape(line)}) '")
        stream.append("ET")
        content = "\n".join(stream).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % content_number
        )
        page_numbers.append(len(objects))
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_numbers)

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def banner_png(*, lines, size=(1200, 600), background=(178, 34, 34), foreground=(255, 255, 255)):
    """A plain banner with a few lines of Latin text, as a demo photograph stands in for."""
    image = PillowImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    # A raised fist would need artwork; a band and big letters are enough for a demo.
    draw.rectangle([0, height - 90, width, height - 60], fill=foreground)
    y = 110
    for index, line in enumerate(lines):
        font = ImageFont.load_default(size=96 if index == 0 else 48)
        left, top, right, bottom = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - (right - left)) / 2, y), line, font=font, fill=foreground)
        y += (bottom - top) + 50
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


BOOKLET_TITLE = "CUPE Ontario 2012: Resolutions and Constitutional Amendments (demo copy)"


def cupe_booklet_pdf():
    return text_pdf(
        title=BOOKLET_TITLE,
        pages=[
            [
                "Resolutions and Constitutional Amendments",
                "49th Annual CUPE Ontario Convention, May 23-26, 2012",
                "",
                "Demonstration copy made for the Solidarity demo site.",
                "It stands in for the booklet that the original article linked to;",
                "it is not the official document.",
            ],
            [
                "Resolution No. 21",
                "Submitted by Local 4400 and International Solidarity Committee",
                "",
                "CUPE Ontario will:",
                "- Condemn the persecution of labour activists in Iran by the Iranian government",
                "  and support the right of Iranian workers to freely establish independent",
                "  workers' organizations.",
                "- Work with independent labour organizations in Iran to strengthen",
                "  worker-to-worker solidarity, as part of the world-wide struggle against",
                "  the capitalist and neoliberal agenda.",
                "- Take a clear stand against economic sanctions and any attempts by the U.S.",
                "  and its allies, including Canada, to pursue military interventions against Iran.",
            ],
        ],
    )


REPORT_TITLE = "Workers' rights in Iran: report to the International Labour Conference, 2010 (demo)"


def ilo_report_pdf():
    return text_pdf(
        title=REPORT_TITLE,
        pages=[
            [
                "Workers' rights in Iran",
                "Report to the 99th International Labour Conference, Geneva, June 2010",
                "International Alliance in Support of Workers in Iran (IASWI)",
                "",
                "Demonstration document made for the Solidarity demo site.",
                "",
                "1. Freedom of association is denied: independent unions are not recognised.",
                "2. Labour activists are arrested, tried and imprisoned for union activity.",
                "3. Wages go unpaid for months in state and privatised enterprises.",
                "4. Temporary contracts leave most workers without protection.",
            ],
            [
                "Recommendations",
                "- Release every worker jailed for union activity, and drop the charges.",
                "- Ratify and apply ILO Conventions 87 and 98.",
                "- Recognise the independent unions that workers have already formed.",
            ],
        ],
    )


def may_day_banner_png():
    return banner_png(lines=["MAY DAY 2009", "Workers of the world, unite!", "Solidarity with workers in Iran"])


# Keys that articles use to name a file: kind, title (also how a second load finds it), file name, bytes.
FILES = {
    "cupe-booklet": ("document", BOOKLET_TITLE, "cupe-ontario-2012-resolutions-booklet.pdf", cupe_booklet_pdf),
    "ilo-report": ("document", REPORT_TITLE, "iaswi-report-ilc-2010.pdf", ilo_report_pdf),
    "may-day-banner": ("image", "May Day 2009 banner (demo)", "may-day-2009-banner.png", may_day_banner_png),
}
