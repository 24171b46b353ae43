/// A journey of many stages written from one template, for the tests of the ways a large
/// journey is lowered (in halves, in parts): every stage declares steps, actions, a kpi and
/// touchpoints, with Chinese and Thai in its title, and takes changes where a test needs them.
enum StagedJourney {
    static let catalogue = """
        team care "Care"
        channel app "App" { kind digital }
        channel shop "Shop" { kind physical }
        system crm "CRM"
        persona ana "Ana"

        """

    /// Stage `index`. `extra` is added to its block; `step` renames its first step and
    /// `touchpoint` replaces the first touchpoint's step. `unit` follows the kpi's numbers
    /// (`" min"` is a syntax error in every stage: the numbers and units are written together).
    static func stage(_ index: Int, extra: String = "", step: String? = nil, touchpoint: String? = nil,
                      title: String = "", unit: String = " min") -> String {
        """
          stage s\(index) "Stage \(index) 担心 ลูกค้า\(title)" {
            phase \(["recognize", "request", "respond", "repeat"][index % 4])
            reach \(100_000 - index * 10)
            \(index % 4 == 3 ? "loops-to s\(index - 1)" : "note \"stage note\(title.isEmpty ? " 🙂" : "")\"")
            kpi k\(index) "Wait" { actual \(index % 9)\(unit); target <= 5\(unit) }
            customer {
              step \(step ?? "a\(index)") "A" { channel app; emotion \(index % 7 - 3); needs "help"; pain "queue" }
              step b\(index) "B" { channel shop; critical; thinks "hmm" }
            }
            organization {
              action x\(index) "X" { owner care; uses crm; note "n" }
              action y\(index) "Y" { channel shop; automation automated }
            }
            touchpoint \(touchpoint ?? "a\(index)") <-> x\(index) { via app; claimed 5; perceived \(index % 3 + 2); note "tp" }
            touchpoint b\(index) <-> x\(index), y\(index)
        \(extra)  }

        """
    }
}
