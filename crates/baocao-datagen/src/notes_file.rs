//! `data/notes.toml`: the paragraphs no calculation produces, one of each
//! section the built-in report prints for every year, made of stock
//! sentences a Sở Công Thương would write, picked and ordered by the seed.

use std::fmt::Write as _;

use crate::economy::stream;
use crate::region::Region;
use crate::rng::SplitMix64;

/// Stock sentences; `{kind}` is "Tỉnh" or "Thành phố", `{year}` the
/// report's year and `{next}` the year after.
const OVERVIEW: [&str; 4] = [
    "Năm {year}, Sở Công Thương đã chủ động tham mưu, triển khai đồng bộ các nhiệm vụ, giải pháp nhằm thúc đẩy phát triển công nghiệp, thương mại trên địa bàn {kind}.",
    "Bám sát chỉ đạo của Bộ Công Thương và UBND {kind}, Sở Công Thương đã tập trung tháo gỡ khó khăn cho doanh nghiệp, giữ ổn định sản xuất và thị trường trong năm {year}.",
    "Trong bối cảnh kinh tế thế giới còn nhiều biến động, hoạt động công nghiệp, thương mại của {kind} năm {year} cơ bản giữ được đà tăng trưởng.",
    "Công tác cải cách hành chính, chuyển đổi số trong lĩnh vực công thương được đẩy mạnh, góp phần cải thiện môi trường đầu tư kinh doanh của {kind}.",
];

const LIMITATIONS: [&str; 4] = [
    "Bên cạnh những kết quả đạt được, sản xuất công nghiệp trên địa bàn {kind} còn phụ thuộc nhiều vào một số doanh nghiệp lớn; công nghiệp hỗ trợ chưa phát triển tương xứng với tiềm năng.",
    "Hoạt động xuất khẩu còn gặp khó khăn do nhu cầu của một số thị trường lớn giảm, chi phí vận chuyển và nguyên liệu đầu vào ở mức cao.",
    "Tiến độ đầu tư hạ tầng một số cụm công nghiệp còn chậm, chưa thu hút được nhiều dự án có quy mô lớn, công nghệ hiện đại.",
    "Sức mua trên thị trường có thời điểm chững lại; thương mại điện tử phát triển nhanh nhưng công tác quản lý còn nhiều thách thức.",
];

const OUTLOOK: [&str; 4] = [
    "Năm {next}, kinh tế thế giới được dự báo tiếp tục phục hồi nhưng còn nhiều rủi ro; cạnh tranh thương mại và xung đột địa chính trị có thể ảnh hưởng đến đơn hàng của doanh nghiệp.",
    "Trong nước, môi trường đầu tư kinh doanh tiếp tục được cải thiện, các hiệp định thương mại tự do mở ra cơ hội mở rộng thị trường xuất khẩu.",
    "Trên địa bàn {kind}, một số dự án công nghiệp mới dự kiến đi vào hoạt động, tạo thêm năng lực sản xuất cho năm {next}.",
    "Giá nguyên liệu, năng lượng và chi phí logistics được dự báo còn biến động, đòi hỏi doanh nghiệp chủ động điều chỉnh kế hoạch sản xuất kinh doanh.",
];

const TASKS: [&str; 4] = [
    "Tập trung tháo gỡ khó khăn, vướng mắc cho doanh nghiệp; đẩy nhanh tiến độ đầu tư hạ tầng các cụm công nghiệp, thu hút các dự án công nghiệp chế biến, chế tạo có giá trị gia tăng cao.",
    "Đẩy mạnh xúc tiến thương mại, hỗ trợ doanh nghiệp khai thác hiệu quả các hiệp định thương mại tự do; phát triển thị trường trong nước gắn với cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
    "Tăng cường quản lý thị trường, chống buôn lậu, gian lận thương mại và hàng giả; bảo đảm cân đối cung cầu hàng hóa thiết yếu, nhất là dịp Tết Nguyên đán.",
    "Phát triển hạ tầng thương mại, thương mại điện tử và các loại hình phân phối hiện đại; bảo đảm cung ứng điện ổn định cho sản xuất và sinh hoạt.",
];

/// The text of `data/notes.toml`.
pub(crate) fn text(region: &Region, seed: u64, department: usize, years: &[i32]) -> String {
    let mut out = format!(
        "\
# {}: the report's qualitative paragraphs, synthetic (baocao-datagen,
# seed {seed}). Each note goes into the report section named by `section`.
format = 1
",
        region.name
    );
    for &year in years {
        let mut rng = SplitMix64::stream(
            seed,
            &[
                stream::NOTES,
                department as u64,
                u64::from(year.unsigned_abs()),
            ],
        );
        for (section, pool, sentences) in [
            ("overview", &OVERVIEW, 1),
            ("limitations", &LIMITATIONS, 2),
            ("outlook", &OUTLOOK, 2),
            ("tasks", &TASKS, 3),
        ] {
            let chosen = rng.shuffled(pool);
            let paragraphs: Vec<String> = chosen
                .iter()
                .take(sentences)
                .map(|s| {
                    s.replace("{kind}", region.kind_word())
                        .replace("{year}", &year.to_string())
                        .replace("{next}", &(year + 1).to_string())
                })
                .collect();
            let _ = write!(
                out,
                "\n[[note]]\nyear = {year}\nsection = \"{section}\"\ntext = \"\"\"\n{}\n\"\"\"\n",
                paragraphs.join("\n\n")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn sentences_are_nfc_and_safe_in_multiline_strings() {
        for s in OVERVIEW
            .iter()
            .chain(&LIMITATIONS)
            .chain(&OUTLOOK)
            .chain(&TASKS)
        {
            assert!(is_nfc(s), "{s}");
            assert!(!s.contains('\\') && !s.contains("\"\"\""), "{s}");
        }
    }
}
