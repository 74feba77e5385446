/// Parses a condition, as written after `requires:` or inside `[if ...]`.
///
/// Grammar (lowest precedence first):
///
///     condition  := conjunction ("or" conjunction)*
///     conjunction:= negation ("and" negation)*
///     negation   := "not" negation | atom
///     atom       := "(" condition ")"
///                 | "visited" "(" NAME ")" | "revealed" "(" NAME ")"
///                 | operand (COMPARATOR operand)?
///     operand    := NAME | INTEGER | "true" | "false"
///     COMPARATOR := "==" | "!=" | "<=" | ">=" | "<" | ">"
///
/// The whole condition is tokenized first (so an unexpected character is reported even after
/// another mistake), into a token buffer the caller lends and reuses. Names are interned into
/// the caller's tree and the references and comparisons appended to its flat arrays; the tree
/// is passed to each grammar function as an `inout` parameter, never stored, so that the
/// parser stays a few words that are cheap to pass around.
struct ConditionParser {
    /// The deepest a condition may nest parentheses and `not`s, together.
    static let maximumDepth = 32
    /// The most `and`s and `or`s one condition may hold.
    static let maximumOperators = 100
    /// The most tokens kept of one condition. Within the limits above the grammar reads fewer than 7,000
    /// (101 parts, each with at most 32 opening and 32 closing parentheses and `not`s and 4 tokens of its own,
    /// and 100 `and`s and `or`s) before it stops with an error, so it never reaches the ones not kept: a
    /// 32 MB line of `(` took 1.15 GB in tokens, and now takes 2.4 MB.
    static let maximumTokens = 100_000

    private let bytes: SourceBytes
    private let line: SourceLine
    private var tokens: [Token] = []
    private var position = 0
    /// The current nesting of parentheses and `not`s, and the `and`s and `or`s so far: both are bounded so
    /// that every function over a condition (printing, evaluating, comparing, freeing) stays shallow.
    private var depth = 0
    private var operators = 0

    struct Token {
        enum Kind: Equatable { case name, integer, symbol, end }
        /// The words the grammar gives a meaning, recognised once when tokenizing.
        enum Keyword: Equatable { case none, and, or, not, visited, revealed, `true`, `false` }
        var kind: Kind
        var range: Range<Int>
        var keyword: Keyword = .none
    }

    struct Failure: Error {
        var message: String
        var offset: Int
        var length: Int
        var hint: String?
    }

    /// Parses the bytes of `range` on `line` into `syntax`, or returns the diagnostic that explains why not
    /// (and then leaves no reference or comparison behind). `tokens` is scratch space, reused between calls.
    static func parse(
        _ bytes: SourceBytes, line: SourceLine, range: Range<Int>, into syntax: inout ScenarioSyntax,
        tokens: inout [Token]
    ) -> Result<ConditionSyntax, Diagnostic> {
        var parser = ConditionParser(bytes: bytes, line: line)
        // The token buffer is moved in and back out (a swap of two array references, no copy).
        swap(&parser.tokens, &tokens)
        defer { swap(&parser.tokens, &tokens) }
        let firstReference = syntax.references.count
        let firstComparison = syntax.comparisons.count
        do {
            try parser.tokenize(range)
            let condition = try parser.parseCondition(&syntax)
            guard parser.current.kind == .end else {
                let token = parser.current
                throw Failure(
                    message: "unexpected '\(bytes.string(token.range))' in condition",
                    offset: token.range.lowerBound, length: bytes.characterCount(token.range),
                    hint: "combine conditions with 'and', 'or' and 'not'")
            }
            return .success(
                ConditionSyntax(
                    condition: condition,
                    references: Int32(firstReference)..<Int32(syntax.references.count),
                    comparisons: Int32(firstComparison)..<Int32(syntax.comparisons.count)))
        } catch let failure as Failure {
            syntax.references.removeLast(syntax.references.count - firstReference)
            syntax.comparisons.removeLast(syntax.comparisons.count - firstComparison)
            let location = SourceLocation(
                file: syntax.files[Int(line.file)], line: line.index + 1,
                column: line.column(of: failure.offset, in: bytes))
            return .failure(
                Diagnostic(
                    .invalidCondition, failure.message, at: location, length: failure.length,
                    hint: failure.hint ?? "conditions look like 'trust >= 2', 'not called', 'visited(intake)'"))
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// Parses line `line` of a small text on its own (for tests and tools).
    static func parse(_ source: SourceText, line: Int, range: Range<Int>) -> Result<ConditionSyntax, Diagnostic> {
        source.withLine(line) { bytes, sourceLine in
            var syntax = ScenarioSyntax(file: source.file)
            var tokens: [Token] = []
            return parse(bytes, line: sourceLine, range: range, into: &syntax, tokens: &tokens)
        }
    }

    private init(bytes: SourceBytes, line: SourceLine) {
        self.bytes = bytes
        self.line = line
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }

    private func isSymbol(_ symbol: StaticString) -> Bool {
        current.kind == .symbol && bytes.equals(current.range, symbol)
    }

    private func isKeyword(_ keyword: Token.Keyword) -> Bool {
        tokens[position].keyword == keyword
    }

    private func text(_ token: Token) -> String { bytes.string(token.range) }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func failure(_ message: String, hint: String? = nil) -> Failure {
        let token = current
        let length = token.kind == .end ? 1 : bytes.characterCount(token.range)
        return Failure(message: message, offset: token.range.lowerBound, length: length, hint: hint)
    }

    /// The comparison operator a symbol token spells, if any.
    private func comparisonOperator(_ token: Token) -> Condition.ComparisonOperator? {
        guard token.kind == .symbol else { return nil }
        let range = token.range
        let first = bytes[range.lowerBound]
        if range.count == 1 {
            return first == 0x3C ? .less : first == 0x3E ? .greater : nil
        }
        switch first {
        case 0x3D: return .equal
        case 0x21: return .notEqual
        case 0x3C: return .lessOrEqual
        case 0x3E: return .greaterOrEqual
        default: return nil
        }
    }

    // MARK: Grammar

    private mutating func parseCondition(_ syntax: inout ScenarioSyntax) throws -> Condition {
        var condition = try parseConjunction(&syntax)
        while isKeyword(.or) {
            try countOperator()
            _ = advance()
            condition = .or(condition, try parseConjunction(&syntax))
        }
        return condition
    }

    private mutating func parseConjunction(_ syntax: inout ScenarioSyntax) throws -> Condition {
        var condition = try parseNegation(&syntax)
        while isKeyword(.and) {
            try countOperator()
            _ = advance()
            condition = .and(condition, try parseNegation(&syntax))
        }
        return condition
    }

    private mutating func parseNegation(_ syntax: inout ScenarioSyntax) throws -> Condition {
        if isKeyword(.not) {
            try enter()
            _ = advance()
            let inner = try parseNegation(&syntax)
            depth -= 1
            return .not(inner)
        }
        return try parseAtom(&syntax)
    }

    /// One more level of parentheses or `not`, within `maximumDepth`.
    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure(
                "the condition nests more than \(Self.maximumDepth) levels of parentheses and 'not'",
                hint: "split it: set a variable in an earlier choice and test that")
        }
    }

    /// One more `and` or `or`, within `maximumOperators`.
    private mutating func countOperator() throws {
        operators += 1
        guard operators <= Self.maximumOperators else {
            throw failure(
                "the condition joins more than \(Self.maximumOperators) parts with 'and' and 'or'",
                hint: "split it: set a variable in an earlier choice and test that")
        }
    }

    private mutating func parseAtom(_ syntax: inout ScenarioSyntax) throws -> Condition {
        if isSymbol("(") {
            try enter()
            _ = advance()
            let inner = try parseCondition(&syntax)
            guard isSymbol(")") else { throw failure("expected ')' to close '('") }
            _ = advance()
            depth -= 1
            return inner
        }
        if (isKeyword(.visited) || isKeyword(.revealed)) && tokens[position + 1].kind == .symbol
            && bytes.equals(tokens[position + 1].range, "(")
        {
            return try parseFunction(&syntax)
        }
        let start = current.range.lowerBound
        let lhs = try parseOperand(&syntax)
        guard let op = comparisonOperator(current) else {
            if isSymbol("=") {
                throw failure("'=' sets a value; to compare, write '=='", hint: "for example 'stage == 2'")
            }
            guard case .variable(let name) = lhs.model else {
                throw failure("expected a comparison operator after '\(lhs.model)'", hint: "for example 'trust >= 2'")
            }
            // The variable just read stands alone as a boolean test.
            syntax.references[syntax.references.count - 1].standsAlone = true
            return .variable(name)
        }
        _ = advance()
        let rhs = try parseOperand(&syntax)
        let end = tokens[max(0, position - 1)].range.upperBound
        syntax.comparisons.append(
            ComparisonSyntax(
                lhs: lhs.syntax, op: op, rhs: rhs.syntax,
                span: SourceSpan(
                    file: line.file, line: line.index + 1, column: line.column(of: start, in: bytes),
                    length: bytes.characterCount(start..<end))))
        return .comparison(lhs.model, op, rhs.model)
    }

    /// `visited(NAME)` or `revealed(NAME)`, from the function's name token.
    private mutating func parseFunction(_ syntax: inout ScenarioSyntax) throws -> Condition {
        let isVisited = advance().keyword == .visited
        let function = isVisited ? "visited" : "revealed"
        _ = advance()
        guard current.kind == .name else {
            throw failure("expected a \(isVisited ? "scene" : "finding") name inside \(function)(...)")
        }
        let token = advance()
        guard isSymbol(")") else { throw failure("expected ')' after '\(text(token))'") }
        _ = advance()
        let name = intern(token, into: &syntax)
        syntax.references.append(ReferenceSyntax(kind: isVisited ? .scene : .finding, name: name, standsAlone: false))
        let spelling = syntax.string(name.name)
        return isVisited ? .visited(spelling) : .revealed(spelling)
    }

    /// An operand as the model holds it and as the checker types it.
    private mutating func parseOperand(
        _ syntax: inout ScenarioSyntax
    ) throws -> (model: Condition.Operand, syntax: ComparisonSyntax.Operand) {
        switch current.kind {
        case .integer:
            let token = advance()
            guard let value = Value(literal: bytes.slice(token.range)) else {
                throw Failure(
                    message: Value.outOfRangeMessage(text(token)), offset: token.range.lowerBound,
                    length: bytes.characterCount(token.range), hint: Value.outOfRangeHint)
            }
            return (.literal(value), .literal(value))
        case .name:
            if isKeyword(.true) || isKeyword(.false) {
                let value = Value.bool(isKeyword(.true))
                _ = advance()
                return (.literal(value), .literal(value))
            }
            if isKeyword(.and) || isKeyword(.or) || isKeyword(.not) {
                throw failure("expected a variable or a value before '\(text(current))'")
            }
            let name = intern(advance(), into: &syntax)
            syntax.references.append(ReferenceSyntax(kind: .variable, name: name, standsAlone: false))
            return (.variable(syntax.string(name.name)), .variable(name.name))
        case .symbol:
            throw failure("expected a variable or a value, found '\(text(current))'")
        case .end:
            throw failure("the condition ends too early: expected a variable or a value")
        }
    }

    /// The token's name, interned, with its span.
    private func intern(_ token: Token, into syntax: inout ScenarioSyntax) -> NameSyntax {
        NameSyntax(name: syntax.names.id(for: bytes.slice(token.range)), span: line.span(token.range, in: bytes))
    }

    // MARK: Tokenizer

    /// The keyword a name token spells, if any.
    private func keyword(_ range: Range<Int>) -> Token.Keyword {
        switch range.count {
        case 2 where bytes.equals(range, "or"): return .or
        case 3 where bytes.equals(range, "and"): return .and
        case 3 where bytes.equals(range, "not"): return .not
        case 4 where bytes.equals(range, "true"): return .true
        case 5 where bytes.equals(range, "false"): return .false
        case 7 where bytes.equals(range, "visited"): return .visited
        case 8 where bytes.equals(range, "revealed"): return .revealed
        default: return .none
        }
    }

    private mutating func tokenize(_ range: Range<Int>) throws {
        tokens.removeAll(keepingCapacity: true)
        // Past `maximumTokens` the rest is still read, for an unexpected character, but not kept.
        func keep(_ token: Token) {
            if tokens.count < Self.maximumTokens { tokens.append(token) }
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
                continue
            }
            let start = index
            let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
            if isDigit(byte)
                || ((byte == 0x2D || byte == 0x2B) && index + 1 < range.upperBound && isDigit(bytes[index + 1]))
            {
                index += 1
                while index < range.upperBound, isDigit(bytes[index]) { index += 1 }
                keep(Token(kind: .integer, range: start..<index))
            } else if SourceBytes.isNameByte(byte) && byte != 0x2D {
                index = bytes.nameEnd(from: index, end: range.upperBound)
                keep(Token(kind: .name, range: start..<index, keyword: keyword(start..<index)))
            } else if byte == 0x28 || byte == 0x29 {
                index += 1
                keep(Token(kind: .symbol, range: start..<index))
            } else if byte == 0x3D || byte == 0x21 || byte == 0x3C || byte == 0x3E {
                index += 1
                if index < range.upperBound, bytes[index] == 0x3D { index += 1 }
                keep(Token(kind: .symbol, range: start..<index))
            } else {
                var end = index + 1
                while end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
                throw Failure(
                    message: "unexpected character '\(bytes.string(start..<end))' in condition", offset: start,
                    length: 1, hint: nil)
            }
        }
        tokens.append(Token(kind: .end, range: range.upperBound..<range.upperBound))
    }
}
