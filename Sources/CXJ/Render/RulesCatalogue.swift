/// The catalogue of every code, for `cxj rules`: as a table or as JSON.
public enum RulesCatalogue {
    public static func text(width: Int = 100) -> String {
        var table = TextTable(headers: ["code", "name", "default", "summary"], indent: 0)
        table.rows = Code.allCases.map { code in
            let severity = code == .unansweredStep ? "warning*" : code.defaultSeverity.name
            return [code.id, code.name, severity, code.documentation.summary]
        }
        var lines = table.render(width: width)
        lines += ["", "CXJ001–CXJ111 are errors in the language and cannot be re-graded. CXJ201–CXJ215 are gap rules:",
                  "name them by code or name in `allow`, `--allow`, `--warn`, `--deny` and `cxj.json`.",
                  "CXJ301–CXJ305 are about Mermaid diagrams read by `cxj import mermaid`.",
                  "* `unanswered-step` is an error when the step is `critical`.",
                  "`cxj explain CODE` tells more about any of them."]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json() -> String {
        var json = JSONWriter(MemorySink())
        json.beginObject()
        json.field("version", 1)
        json.key("rules")
        json.beginArray()
        for code in Code.allCases {
            json.beginObject()
            json.field("code", code.id)
            json.field("name", code.name)
            json.field("defaultSeverity", code.defaultSeverity.name)
            json.field("configurable", code.isRule)
            json.field("summary", code.documentation.summary)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finish().text
    }
}
