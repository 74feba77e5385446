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
struct ConditionParser {
    private let source: SourceText
    private let line: Int
    private let tokens: [Token]
    private var position = 0
    private var references: [ConditionSyntax.Reference] = []
    private var comparisons: [ConditionSyntax.Comparison] = []
    private let range: Range<Int>

    struct Token {
        enum Kind: Equatable { case name, integer, symbol, end }
        var kind: Kind
        var range: Range<Int>
    }

    struct Failure: Error {
        var message: String
        var offset: Int
        var length: Int
        var hint: String?
    }

    /// Parses the bytes of `range` on a 0-based `line`, or returns the diagnostic that explains why not.
    static func parse(_ source: SourceText, line: Int, range: Range<Int>) -> Result<ConditionSyntax, Diagnostic> {
        do {
            var parser = try ConditionParser(source: source, line: line, range: range)
            let condition = try parser.parseCondition()
            guard parser.current.kind == .end else {
                throw Failure(
                    message: "unexpected '\(source.string(parser.current.range))' in condition",
                    offset: parser.current.range.lowerBound, length: source.characterCount(parser.current.range),
                    hint: "combine conditions with 'and', 'or' and 'not'")
            }
            return .success(
                ConditionSyntax(
                    condition: condition, location: source.location(line: line, offset: range.lowerBound),
                    references: parser.references, comparisons: parser.comparisons))
        } catch let failure as Failure {
            return .failure(
                Diagnostic(
                    .invalidCondition, failure.message,
                    at: source.location(line: line, offset: failure.offset), length: failure.length,
                    hint: failure.hint ?? "conditions look like 'trust >= 2', 'not called', 'visited(intake)'"))
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    private init(source: SourceText, line: Int, range: Range<Int>) throws {
        self.source = source
        self.line = line
        self.range = range
        self.tokens = try Self.tokenize(source, range)
    }

    private var current: Token { tokens[position] }

    private func text(_ token: Token) -> String { source.string(token.range) }

    private func isSymbol(_ symbol: String) -> Bool {
        current.kind == .symbol && text(current) == symbol
    }

    private func isKeyword(_ keyword: String) -> Bool {
        current.kind == .name && text(current) == keyword
    }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func failure(_ message: String, hint: String? = nil) -> Failure {
        let token = current
        let length = token.kind == .end ? 1 : source.characterCount(token.range)
        return Failure(message: message, offset: token.range.lowerBound, length: length, hint: hint)
    }

    private mutating func parseCondition() throws -> Condition {
        var condition = try parseConjunction()
        while isKeyword("or") {
            _ = advance()
            condition = .or(condition, try parseConjunction())
        }
        return condition
    }

    private mutating func parseConjunction() throws -> Condition {
        var condition = try parseNegation()
        while isKeyword("and") {
            _ = advance()
            condition = .and(condition, try parseNegation())
        }
        return condition
    }

    private mutating func parseNegation() throws -> Condition {
        if isKeyword("not") {
            _ = advance()
            return .not(try parseNegation())
        }
        return try parseAtom()
    }

    private mutating func parseAtom() throws -> Condition {
        if isSymbol("(") {
            _ = advance()
            let inner = try parseCondition()
            guard isSymbol(")") else { throw failure("expected ')' to close '('") }
            _ = advance()
            return inner
        }
        if (isKeyword("visited") || isKeyword("revealed")) && tokens[position + 1].kind == .symbol
            && text(tokens[position + 1]) == "("
        {
            let function = text(advance())
            _ = advance()
            guard current.kind == .name else {
                throw failure("expected a \(function == "visited" ? "scene" : "finding") name inside \(function)(...)")
            }
            let name = source.located(advance().range, line: line)
            guard isSymbol(")") else { throw failure("expected ')' after '\(name.value)'") }
            _ = advance()
            if function == "visited" {
                references.append(.init(kind: .scene, name: name, standsAlone: false))
                return .visited(name.value)
            }
            references.append(.init(kind: .finding, name: name, standsAlone: false))
            return .revealed(name.value)
        }
        let start = current.range.lowerBound
        let lhs = try parseOperand()
        guard current.kind == .symbol, let op = Condition.ComparisonOperator(rawValue: text(current)) else {
            if isSymbol("=") {
                throw failure("'=' sets a value; to compare, write '=='", hint: "for example 'stage == 2'")
            }
            guard case .variable(let name) = lhs else {
                throw failure("expected a comparison operator after '\(lhs)'", hint: "for example 'trust >= 2'")
            }
            markStandingAlone(name)
            return .variable(name)
        }
        _ = advance()
        let rhs = try parseOperand()
        let end = tokens[max(0, position - 1)].range.upperBound
        comparisons.append(
            .init(
                lhs: lhs, op: op, rhs: rhs, location: source.location(line: line, offset: start),
                length: source.characterCount(start..<end)))
        return .comparison(lhs, op, rhs)
    }

    private mutating func markStandingAlone(_ name: String) {
        if let index = references.lastIndex(where: { $0.kind == .variable && $0.name.value == name }) {
            references[index].standsAlone = true
        }
    }

    private mutating func parseOperand() throws -> Condition.Operand {
        switch current.kind {
        case .integer:
            let token = advance()
            guard let value = Value(literal: text(token)) else {
                throw Failure(
                    message: "'\(text(token))' is too large a number", offset: token.range.lowerBound,
                    length: source.characterCount(token.range), hint: nil)
            }
            return .literal(value)
        case .name:
            if isKeyword("true") || isKeyword("false") {
                return .literal(.bool(text(advance()) == "true"))
            }
            if ["and", "or", "not"].contains(text(current)) {
                throw failure("expected a variable or a value before '\(text(current))'")
            }
            let token = advance()
            references.append(.init(kind: .variable, name: source.located(token.range, line: line), standsAlone: false))
            return .variable(text(token))
        case .symbol:
            throw failure("expected a variable or a value, found '\(text(current))'")
        case .end:
            throw failure("the condition ends too early: expected a variable or a value")
        }
    }

    private static func tokenize(_ source: SourceText, _ range: Range<Int>) throws -> [Token] {
        var tokens: [Token] = []
        let bytes = source.bytes
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
                tokens.append(Token(kind: .integer, range: start..<index))
            } else if SourceText.isNameByte(byte) && byte != 0x2D {
                index = source.nameEnd(from: index, end: range.upperBound)
                tokens.append(Token(kind: .name, range: start..<index))
            } else if byte == 0x28 || byte == 0x29 {
                index += 1
                tokens.append(Token(kind: .symbol, range: start..<index))
            } else if byte == 0x3D || byte == 0x21 || byte == 0x3C || byte == 0x3E {
                index += 1
                if index < range.upperBound, bytes[index] == 0x3D { index += 1 }
                tokens.append(Token(kind: .symbol, range: start..<index))
            } else {
                var end = index + 1
                while end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
                throw Failure(
                    message: "unexpected character '\(source.string(start..<end))' in condition", offset: start,
                    length: 1, hint: nil)
            }
        }
        tokens.append(Token(kind: .end, range: range.upperBound..<range.upperBound))
        return tokens
    }
}
