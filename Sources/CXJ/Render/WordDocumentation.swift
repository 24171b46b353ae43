/// What each keyword and enumeration value of the language means, for `cxj explain WORD` and
/// the language server's hover: the meaning, where the word may appear (from the parser's own
/// statement table), and an example.
public enum WordDocumentation {
    static let keywords: [String: (meaning: String, example: String)] = [
        "import": ("Brings in the catalogue declarations of another `.cxj` file, by a path relative to this one, inside the project root.", "import \"catalogue/stride.cxj\""),
        "persona": ("Declares who walks a journey (at the top level), or names the journey's persona (inside a journey).", "persona runner \"Out-of-town marathon runner\""),
        "channel": ("Declares a channel (at the top level), or names the channel a step or action uses.", "channel app \"Ordering app\" { kind digital }"),
        "team": ("Declares a team that owns actions, systems, journeys or opportunities.", "team care \"Customer care\""),
        "system": ("Declares a system that actions use, optionally with its owner.", "system crm \"CRM\" { owner care }"),
        "journey": ("A customer journey: stages of a customer strand and an organization strand, joined by touchpoints.", "journey lunch \"Lunch at the canteen\" { … }"),
        "goal": ("What a persona wants to achieve.", "goal \"Run Boston in the right gear\""),
        "segment": ("The market segment a persona stands for.", "segment \"Frequent runners\""),
        "note": ("A free text about the element it is in.", "note \"Measured over Q3\""),
        "kind": ("The kind of a channel (digital, physical, human) or of an opportunity (fix, personalize, predict, automate, coach).", "kind digital"),
        "owner": ("The team that owns an action, a system, a journey or an opportunity.", "owner care"),
        "strategy": ("The connected strategy a journey follows: respond-to-desire, curated-offering, coach-behavior or automatic-execution.", "strategy coach-behavior"),
        "allow": ("Acknowledges gap rules for the element it is in and everything inside, with an optional reason.", "allow no-repeat-loop \"A one-off visit\""),
        "kpi": ("A key performance indicator with its actual value and a target.", "kpi wait \"Minutes to food\" { actual 14min; target <= 10min }"),
        "stage": ("A part of the journey, with the customer's steps and the organization's actions in it.", "stage order \"Orders lunch\" { … }"),
        "touchpoint": ("Where the strands meet: customer steps paired with the organization actions that answer them.", "touchpoint wait <-> serve { via table; claimed 4; perceived 3 }"),
        "opportunity": ("The team's plan for a gap: what it addresses, its kind, owner, impact and effort. A gap it addresses is planned.", "opportunity faster \"Faster food\" { addresses wait; kind fix }"),
        "phase": ("The connected-strategy phase of a stage: recognize, request, respond or repeat.", "phase respond"),
        "reach": ("How many customers reach the stage in the period measured.", "reach 1_200"),
        "target-conversion": ("The share of the previous stage's reach this stage is expected to keep.", "target-conversion 80%"),
        "loops-to": ("In a repeat stage, the stage where the next cycle starts.", "loops-to order"),
        "customer": ("The customer strand of a stage: its steps.", "customer { step wait \"Waits for the food\" }"),
        "organization": ("The organization strand of a stage: its actions.", "organization { action serve \"Brings the food\" { owner floor } }"),
        "step": ("Something the customer does, with what they think, need and feel.", "step wait \"Waits for the food\" { emotion -1 }"),
        "thinks": ("What the customer thinks at a step, in their words.", "thinks \"Will it come before my meeting?\""),
        "needs": ("What the customer needs at a step; repeatable.", "needs \"Food within ten minutes\""),
        "pain": ("Where a step hurts; repeatable.", "pain \"Nobody says how long it takes\""),
        "info": ("Content that helps the customer at a step; repeatable.", "info \"Order status in the app\""),
        "critical": ("Marks a step as a moment of truth: an unanswered critical step is an error.", "critical"),
        "self-service": ("The customer does this step alone on purpose: no touchpoint is expected.", "self-service"),
        "emotion": ("How the customer feels at a step, a whole number from −3 (worst) to +3 (best).", "emotion -2"),
        "action": ("Something the company does, with its owner, layer, channel, systems and automation.", "action serve \"Brings the food\" { owner floor }"),
        "layer": ("Where an action happens: frontstage (seen by the customer), backstage or support.", "layer backstage"),
        "uses": ("The systems an action uses.", "uses crm, pos"),
        "automation": ("How automated an action is: manual, assisted, automated or ai.", "automation assisted"),
        "via": ("The channel a touchpoint happens through.", "via app"),
        "claimed": ("How well the company believes it delivers at a touchpoint, 1 to 5.", "claimed 4.5"),
        "perceived": ("How well customers say it delivers there, 1 to 5; claimed minus perceived is the delivery gap.", "perceived 2"),
        "actual": ("A kpi's measured value: a number, a percentage or a duration.", "actual 38min"),
        "target": ("A kpi's target, with `>=` or `<=`, of the same kind as its actual.", "target <= 10min"),
        "addresses": ("The steps, actions or stages an opportunity addresses.", "addresses wait, checkout"),
        "impact": ("How much an opportunity would change: high, medium or low.", "impact high"),
        "effort": ("How much an opportunity would cost: high, medium or low.", "effort medium"),
    ]

    static let values: [String: (of: String, meaning: String)] = [
        "recognize": ("phase", "the company recognizes a need, often before the customer voices it"),
        "request": ("phase", "the customer asks for something, or chooses among offers"),
        "respond": ("phase", "the company delivers what was asked"),
        "repeat": ("phase", "the relationship starts its next cycle; a repeat stage may say `loops-to`"),
        "respond-to-desire": ("strategy", "the company responds quickly to what the customer asks for; it works in the respond phase"),
        "curated-offering": ("strategy", "the company offers a tailored choice; it works in the request phase"),
        "coach-behavior": ("strategy", "the company helps customers act on their own goals; it works in the recognize phase"),
        "automatic-execution": ("strategy", "the company acts before the customer asks; it works in the recognize phase with automated or ai actions"),
        "frontstage": ("layer", "the customer sees the action"), "backstage": ("layer", "the action is hidden from the customer"),
        "support": ("layer", "systems and processes that enable other actions"),
        "manual": ("automation", "people do the action by hand"), "assisted": ("automation", "people do it with tools"),
        "automated": ("automation", "software does it"), "ai": ("automation", "a model does it"),
        "digital": ("channel kind", "a screen or a message"), "physical": ("channel kind", "a place or a parcel"),
        "human": ("channel kind", "a person talking to the customer"),
        "fix": ("opportunity kind", "repair what is broken"), "personalize": ("opportunity kind", "tailor to the customer"),
        "predict": ("opportunity kind", "act before the customer asks"), "automate": ("opportunity kind", "take work off people"),
        "coach": ("opportunity kind", "help the customer reach their goal"),
        "high": ("level", "high impact or effort"), "medium": ("level", "medium impact or effort"), "low": ("level", "low impact or effort"),
    ]

    /// The explanation of a keyword or enumeration value, or nil.
    public static func render(_ word: String) -> String? {
        if let entry = keywords[word], let keyword = Keyword.allCases.first(where: { $0.spelling == word }) {
            let homes = StatementShape.contexts(admitting: keyword).map { $0.phrase }
            return "`\(word)`: \(entry.meaning)\n\nAllowed \(Suggestions.orList(homes)).\n\nExample:\n\n    \(entry.example)\n"
        }
        if let entry = values[word] {
            return "`\(word)`: a value of `\(entry.of)`: \(entry.meaning).\n"
        }
        return nil
    }
}
