/// CXJ215: an `allow` that silences nothing. Reported by `Suppression` once every other rule
/// has run; the type carries the rule's documentation.
enum UnusedAllow: GapRule {
    static let code = Code.unusedAllow

    static let documentation = CodeDocumentation(
        summary: "an `allow` silences nothing",
        meaning: """
        `allow RULE` inside a block silences that rule for the block's element and everything in \
        it. When no finding of that rule would have been reported there, the `allow` is unused.
        """,
        rationale: """
        Acknowledged gaps stay visible in reports through their `allow`s. An `allow` that no \
        longer silences anything claims a gap that was fixed long ago; removing it keeps the list \
        of acknowledged gaps honest.
        """,
        failing: """
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            allow delivery-gap "Known issue, fix planned for Q3"
            customer {
              step tweet "Tweets about the late order"
            }
            organization {
              action listen "Care agent picks up the tweet" { owner care }
            }
            touchpoint tweet <-> listen { claimed 4; perceived 4 }
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order"
            }
            organization {
              action listen "Care agent picks up the tweet" { owner care }
            }
            touchpoint tweet <-> listen { claimed 4; perceived 4 }
          }
        }
        """)
}
