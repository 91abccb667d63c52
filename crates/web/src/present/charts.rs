//! Server-rendered SVG charts for every feature (results, dashboards): a horizontal bar chart with its
//! title and description for assistive technologies, each bar labelled with its name and value in text
//! (so nothing rests on colour), and the same figures as a data table beside it. No script, a few hundred
//! bytes per bar. No SVG crate is needed for rectangles and text; askama escapes every label.

use askama::Template;

/// One bar: its name, its value (for the length) and the value as the reader writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub shown: String,
}

/// A bar as drawn: its label above, the bar, its value at its end (viewBox units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub label: String,
    pub shown: String,
    pub label_y: u32,
    pub bar_y: u32,
    pub width: u32,
    pub value_x: u32,
    pub value_y: u32,
}

const VIEW_WIDTH: u32 = 640;
/// The longest bar leaves room for its value after it.
const BAR_MAX: u32 = 520;
const ROW: u32 = 44;
const BAR_HEIGHT: u32 = 18;

/// A bar chart and its data table. `id` makes the element ids unique on the page.
#[derive(Template, Debug, Clone)]
#[template(path = "present/bar_chart.html")]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub label_heading: String,
    pub value_heading: String,
    pub rows: Vec<Drawn>,
    pub width: u32,
    pub height: u32,
    pub bar_height: u32,
}

impl BarChart {
    pub fn new(
        id: &str,
        title: String,
        description: String,
        (label_heading, value_heading): (String, String),
        bars: Vec<Bar>,
    ) -> BarChart {
        let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
        let rows = bars
            .into_iter()
            .zip(0u32..)
            .map(|(b, i)| {
                // A non-zero value stays visible however small beside the largest; all zero draws none.
                let width = b
                    .value
                    .saturating_mul(u64::from(BAR_MAX))
                    .checked_div(max)
                    .map_or(0, |w| (w as u32).max(u32::from(b.value > 0) * 2));
                let top = i * ROW;
                Drawn {
                    label: b.label,
                    shown: b.shown,
                    label_y: top + 14,
                    bar_y: top + 20,
                    width,
                    value_x: width + 6,
                    value_y: top + 20 + BAR_HEIGHT - 4,
                }
            })
            .collect::<Vec<_>>();
        BarChart {
            id: id.to_string(),
            title,
            description,
            label_heading,
            value_heading,
            height: (rows.len() as u32 * ROW).max(ROW),
            rows,
            width: VIEW_WIDTH,
            bar_height: BAR_HEIGHT,
        }
    }

    /// The figure's HTML (the SVG and its table), to place in a page with `|safe`.
    pub fn html(&self) -> String {
        // The template has only escaped text and numbers: rendering cannot fail but on a full memory.
        self.render().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: u64) -> Bar {
        Bar {
            label: label.into(),
            value,
            shown: value.to_string(),
        }
    }

    fn chart(bars: Vec<Bar>) -> BarChart {
        BarChart::new(
            "c",
            "Entonnoir".into(),
            "De 19 irritants à 1 livraison".into(),
            ("Étape".into(), "Nombre".into()),
            bars,
        )
    }

    #[test]
    fn bars_are_proportional_to_the_largest_and_a_small_one_stays_visible() {
        let c = chart(vec![bar("a", 200), bar("b", 100), bar("c", 1), bar("d", 0)]);
        let widths: Vec<u32> = c.rows.iter().map(|r| r.width).collect();
        assert_eq!(widths, vec![BAR_MAX, BAR_MAX / 2, 2, 0]);
        assert!(c.rows.iter().all(|r| r.value_x + 40 <= VIEW_WIDTH));
        assert_eq!(c.height, 4 * ROW);
    }

    #[test]
    fn an_empty_chart_draws_nothing_and_does_not_divide_by_zero() {
        let c = chart(vec![bar("a", 0)]);
        assert_eq!(c.rows[0].width, 0);
        assert!(chart(Vec::new()).html().contains("<table"));
    }

    #[test]
    fn the_figure_has_its_title_description_values_in_text_and_its_table() {
        let html = chart(vec![bar("Irritants <publiés>", 19), bar("Livrées", 1)]).html();
        assert!(html.contains(r#"role="img""#));
        assert!(html.contains(r#"aria-labelledby="c-title c-desc""#));
        assert!(html.contains(r#"<title id="c-title">Entonnoir</title>"#));
        assert!(html.contains(r#"<desc id="c-desc">De 19 irritants à 1 livraison</desc>"#));
        assert!(!html.contains("<publiés>"), "labels are escaped");
        assert!(html.contains(r#"<th scope="row">Livrées</th><td>1</td>"#));
        assert!(
            html.matches(">19</text>").count() == 1,
            "the value on its bar"
        );
    }
}
