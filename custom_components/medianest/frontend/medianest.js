var j=globalThis,B=j.ShadowRoot&&(j.ShadyCSS===void 0||j.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,K=Symbol(),_e=new WeakMap,R=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==K)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(B&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=_e.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&_e.set(t,e))}return e}toString(){return this.cssText}},ge=n=>new R(typeof n=="string"?n:n+"",void 0,K),q=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((s,i,a)=>s+(r=>{if(r._$cssResult$===!0)return r.cssText;if(typeof r=="number")return r;throw Error("Value passed to 'css' function must be a 'css' function result: "+r+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[a+1],n[0]);return new R(t,n,K)},fe=(n,e)=>{if(B)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),i=j.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=t.cssText,n.appendChild(s)}},G=B?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return ge(t)})(n):n;var{is:He,defineProperty:je,getOwnPropertyDescriptor:Be,getOwnPropertyNames:Le,getOwnPropertySymbols:Ie,getPrototypeOf:Fe}=Object,L=globalThis,ve=L.trustedTypes,We=ve?ve.emptyScript:"",Ve=L.reactiveElementPolyfillSupport,M=(n,e)=>n,J={toAttribute(n,e){switch(e){case Boolean:n=n?We:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},ye=(n,e)=>!He(n,e),$e={attribute:!0,type:String,converter:J,reflect:!1,useDefault:!1,hasChanged:ye};Symbol.metadata??=Symbol("metadata"),L.litPropertyMetadata??=new WeakMap;var g=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=$e){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(e,s,t);i!==void 0&&je(this.prototype,e,i)}}static getPropertyDescriptor(e,t,s){let{get:i,set:a}=Be(this.prototype,e)??{get(){return this[t]},set(r){this[t]=r}};return{get:i,set(r){let h=i?.call(this);a?.call(this,r),this.requestUpdate(e,h,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??$e}static _$Ei(){if(this.hasOwnProperty(M("elementProperties")))return;let e=Fe(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(M("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(M("properties"))){let t=this.properties,s=[...Le(t),...Ie(t)];for(let i of s)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,i]of t)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let i=this._$Eu(t,s);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let i of s)t.unshift(G(i))}else e!==void 0&&t.push(G(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return fe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,s);if(i!==void 0&&s.reflect===!0){let a=(s.converter?.toAttribute!==void 0?s.converter:J).toAttribute(t,s.type);this._$Em=e,a==null?this.removeAttribute(i):this.setAttribute(i,a),this._$Em=null}}_$AK(e,t){let s=this.constructor,i=s._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let a=s.getPropertyOptions(i),r=typeof a.converter=="function"?{fromAttribute:a.converter}:a.converter?.fromAttribute!==void 0?a.converter:J;this._$Em=i;let h=r.fromAttribute(t,a.type);this[i]=h??this._$Ej?.get(i)??h,this._$Em=null}}requestUpdate(e,t,s,i=!1,a){if(e!==void 0){let r=this.constructor;if(i===!1&&(a=this[e]),s??=r.getPropertyOptions(e),!((s.hasChanged??ye)(a,t)||s.useDefault&&s.reflect&&a===this._$Ej?.get(e)&&!this.hasAttribute(r._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:i,wrapped:a},r){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,r??t??this[e]),a!==!0||r!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,a]of this._$Ep)this[i]=a;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,a]of s){let{wrapped:r}=a,h=this[i];r!==!0||this._$AL.has(i)||h===void 0||this.C(i,void 0,a,h)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};g.elementStyles=[],g.shadowRootOptions={mode:"open"},g[M("elementProperties")]=new Map,g[M("finalized")]=new Map,Ve?.({ReactiveElement:g}),(L.reactiveElementVersions??=[]).push("2.1.2");var se=globalThis,be=n=>n,I=se.trustedTypes,we=I?I.createPolicy("lit-html",{createHTML:n=>n}):void 0,Ce="$lit$",$=`lit$${Math.random().toFixed(9).slice(2)}$`,Pe="?"+$,Ke=`<${Pe}>`,A=document,T=()=>A.createComment(""),O=n=>n===null||typeof n!="object"&&typeof n!="function",ie=Array.isArray,Ge=n=>ie(n)||typeof n?.[Symbol.iterator]=="function",Z=`[ 	
\f\r]`,N=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,xe=/-->/g,Ae=/>/g,w=RegExp(`>|${Z}(?:([^\\s"'>=/]+)(${Z}*=${Z}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Se=/'/g,Ee=/"/g,Re=/^(?:script|style|textarea|title)$/i,ne=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),c=ne(1),ct=ne(2),ht=ne(3),S=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),ke=new WeakMap,x=A.createTreeWalker(A,129);function qe(n,e){if(!ie(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return we!==void 0?we.createHTML(e):e}var Je=(n,e)=>{let t=n.length-1,s=[],i,a=e===2?"<svg>":e===3?"<math>":"",r=N;for(let h=0;h<t;h++){let o=n[h],u,m,l=-1,_=0;for(;_<o.length&&(r.lastIndex=_,m=r.exec(o),m!==null);)_=r.lastIndex,r===N?m[1]==="!--"?r=xe:m[1]!==void 0?r=Ae:m[2]!==void 0?(Re.test(m[2])&&(i=RegExp("</"+m[2],"g")),r=w):m[3]!==void 0&&(r=w):r===w?m[0]===">"?(r=i??N,l=-1):m[1]===void 0?l=-2:(l=r.lastIndex-m[2].length,u=m[1],r=m[3]===void 0?w:m[3]==='"'?Ee:Se):r===Ee||r===Se?r=w:r===xe||r===Ae?r=N:(r=w,i=void 0);let v=r===w&&n[h+1].startsWith("/>")?" ":"";a+=r===N?o+Ke:l>=0?(s.push(u),o.slice(0,l)+Ce+o.slice(l)+$+v):o+$+(l===-2?h:v)}return[qe(n,a+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},U=class n{constructor({strings:e,_$litType$:t},s){let i;this.parts=[];let a=0,r=0,h=e.length-1,o=this.parts,[u,m]=Je(e,t);if(this.el=n.createElement(u,s),x.currentNode=this.el.content,t===2||t===3){let l=this.el.content.firstChild;l.replaceWith(...l.childNodes)}for(;(i=x.nextNode())!==null&&o.length<h;){if(i.nodeType===1){if(i.hasAttributes())for(let l of i.getAttributeNames())if(l.endsWith(Ce)){let _=m[r++],v=i.getAttribute(l).split($),H=/([.?@])?(.*)/.exec(_);o.push({type:1,index:a,name:H[2],strings:v,ctor:H[1]==="."?Q:H[1]==="?"?Y:H[1]==="@"?ee:C}),i.removeAttribute(l)}else l.startsWith($)&&(o.push({type:6,index:a}),i.removeAttribute(l));if(Re.test(i.tagName)){let l=i.textContent.split($),_=l.length-1;if(_>0){i.textContent=I?I.emptyScript:"";for(let v=0;v<_;v++)i.append(l[v],T()),x.nextNode(),o.push({type:2,index:++a});i.append(l[_],T())}}}else if(i.nodeType===8)if(i.data===Pe)o.push({type:2,index:a});else{let l=-1;for(;(l=i.data.indexOf($,l+1))!==-1;)o.push({type:7,index:a}),l+=$.length-1}a++}}static createElement(e,t){let s=A.createElement("template");return s.innerHTML=e,s}};function k(n,e,t=n,s){if(e===S)return e;let i=s!==void 0?t._$Co?.[s]:t._$Cl,a=O(e)?void 0:e._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(n),i._$AT(n,t,s)),s!==void 0?(t._$Co??=[])[s]=i:t._$Cl=i),i!==void 0&&(e=k(n,i._$AS(n,e.values),i,s)),e}var X=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,i=(e?.creationScope??A).importNode(t,!0);x.currentNode=i;let a=x.nextNode(),r=0,h=0,o=s[0];for(;o!==void 0;){if(r===o.index){let u;o.type===2?u=new z(a,a.nextSibling,this,e):o.type===1?u=new o.ctor(a,o.name,o.strings,this,e):o.type===6&&(u=new te(a,this,e)),this._$AV.push(u),o=s[++h]}r!==o?.index&&(a=x.nextNode(),r++)}return x.currentNode=A,i}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},z=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=k(this,e,t),O(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==S&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ge(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&O(this._$AH)?this._$AA.nextSibling.data=e:this.T(A.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,i=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=U.createElement(qe(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(t);else{let a=new X(i,this),r=a.u(this.options);a.p(t),this.T(r),this._$AH=a}}_$AC(e){let t=ke.get(e.strings);return t===void 0&&ke.set(e.strings,t=new U(e)),t}k(e){ie(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,i=0;for(let a of e)i===t.length?t.push(s=new n(this.O(T()),this.O(T()),this,this.options)):s=t[i],s._$AI(a),i++;i<t.length&&(this._$AR(s&&s._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=be(e).nextSibling;be(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},C=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,i,a){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=a,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=d}_$AI(e,t=this,s,i){let a=this.strings,r=!1;if(a===void 0)e=k(this,e,t,0),r=!O(e)||e!==this._$AH&&e!==S,r&&(this._$AH=e);else{let h=e,o,u;for(e=a[0],o=0;o<a.length-1;o++)u=k(this,h[s+o],t,o),u===S&&(u=this._$AH[o]),r||=!O(u)||u!==this._$AH[o],u===d?e=d:e!==d&&(e+=(u??"")+a[o+1]),this._$AH[o]=u}r&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},Q=class extends C{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},Y=class extends C{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},ee=class extends C{constructor(e,t,s,i,a){super(e,t,s,i,a),this.type=5}_$AI(e,t=this){if((e=k(this,e,t,0)??d)===S)return;let s=this._$AH,i=e===d&&s!==d||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,a=e!==d&&(s===d||i);i&&this.element.removeEventListener(this.name,this,s),a&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},te=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){k(this,e)}};var Ze=se.litHtmlPolyfillSupport;Ze?.(U,z),(se.litHtmlVersions??=[]).push("3.3.3");var Me=(n,e,t)=>{let s=t?.renderBefore??e,i=s._$litPart$;if(i===void 0){let a=t?.renderBefore??null;s._$litPart$=i=new z(e.insertBefore(T(),a),a,void 0,t??{})}return i._$AI(n),i};var ae=globalThis,y=class extends g{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Me(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return S}};y._$litElement$=!0,y.finalized=!0,ae.litElementHydrateSupport?.({LitElement:y});var Xe=ae.litElementPolyfillSupport;Xe?.({LitElement:y});(ae.litElementVersions??=[]).push("4.2.2");var F=new Set,b=null,P=null,Ne=null;function Qe(){let n=b?[...b.values()]:null;for(let e of F)e(n)}function Ye(n){n.services?b=new Map(n.services.map(e=>[e.entry_id,e])):n.service&&b&&b.set(n.service.entry_id,n.service),Qe()}function Te(n,e){return F.add(e),b&&e([...b.values()]),(!P||Ne!==n.connection)&&(Ne=n.connection,P=n.connection.subscribeMessage(Ye,{type:"medianest/dashboard/subscribe"}).catch(t=>{P=null,console.error("MediaNest: the dashboard subscription failed",t)})),()=>{if(F.delete(e),F.size===0&&P){let t=P;P=null,b=null,t.then(s=>s&&s())}}}function Oe(n){return new Promise((e,t)=>{let s;n.connection.subscribeMessage(i=>{i.services&&(e(i.services),Promise.resolve(s).then(a=>a&&a()))},{type:"medianest/dashboard/subscribe"}).then(i=>s=i,t)})}var E={en:{state_downloading:"downloading",state_queued:"queued",state_paused:"paused",state_stalled:"stalled",state_importPending:"waiting for import",state_importBlocked:"import blocked",state_importing:"importing",state_completed:"completed",state_failed:"failed",state_failedPending:"failed",state_delay:"delayed",state_processing:"processing",state_warning:"warning",release_inCinemas:"In cinemas",release_digitalRelease:"Digital release",release_physicalRelease:"Physical release",requests_approved:"approved",requests_available:"available",requests_declined:"declined",new_episodes:"{count} new episodes",now_playing:"Now playing",transcode:"Transcode",recently_added:"Recently added",nothing_added:"Nothing added yet",coming_up:"Coming up",nothing_coming:"Nothing coming up",requests:"Requests",no_requests:"No request is waiting for approval",approve:"Approve",decline:"Decline",downloads:"Downloads",no_downloads:"Nothing is downloading",cancel:"Cancel",pause:"Pause",resume:"Resume",stack_health:"Stack health",up:"up",down:"down",paused:"paused",pending:"pending",maintenance:"maintenance",unreachable:"not reachable",media:"Media stack"},de:{state_downloading:"l\xE4dt",state_queued:"wartet",state_paused:"pausiert",state_stalled:"stockt",state_importPending:"wartet auf Import",state_importBlocked:"Import blockiert",state_importing:"importiert",state_completed:"fertig",state_failed:"fehlgeschlagen",state_failedPending:"fehlgeschlagen",state_delay:"verz\xF6gert",state_processing:"wird verarbeitet",state_warning:"Warnung",release_inCinemas:"Im Kino",release_digitalRelease:"Digital",release_physicalRelease:"Auf Disc",requests_approved:"freigegeben",requests_available:"verf\xFCgbar",requests_declined:"abgelehnt",new_episodes:"{count} neue Folgen",now_playing:"L\xE4uft gerade",transcode:"Transkodiert",recently_added:"Neu hinzugef\xFCgt",nothing_added:"Noch nichts hinzugef\xFCgt",coming_up:"Demn\xE4chst",nothing_coming:"Demn\xE4chst kommt nichts",requests:"Anfragen",no_requests:"Keine Anfrage wartet auf Freigabe",approve:"Freigeben",decline:"Ablehnen",downloads:"Downloads",no_downloads:"Es wird nichts heruntergeladen",cancel:"Abbrechen",pause:"Pausieren",resume:"Fortsetzen",stack_health:"Zustand der Dienste",up:"erreichbar",down:"ausgefallen",paused:"pausiert",pending:"ausstehend",maintenance:"Wartung",unreachable:"nicht erreichbar",media:"Medien-Stack"},fr:{state_downloading:"en t\xE9l\xE9chargement",state_queued:"en file",state_paused:"en pause",state_stalled:"bloqu\xE9",state_importPending:"en attente d'import",state_importBlocked:"import bloqu\xE9",state_importing:"import en cours",state_completed:"termin\xE9",state_failed:"\xE9chec",state_failedPending:"\xE9chec",state_delay:"diff\xE9r\xE9",state_processing:"traitement",state_warning:"avertissement",release_inCinemas:"Au cin\xE9ma",release_digitalRelease:"Sortie num\xE9rique",release_physicalRelease:"Sortie physique",requests_approved:"approuv\xE9es",requests_available:"disponibles",requests_declined:"refus\xE9es",new_episodes:"{count} nouveaux \xE9pisodes",now_playing:"En cours de lecture",transcode:"Transcodage",recently_added:"Ajouts r\xE9cents",nothing_added:"Rien n'a encore \xE9t\xE9 ajout\xE9",coming_up:"\xC0 venir",nothing_coming:"Rien \xE0 venir",requests:"Demandes",no_requests:"Aucune demande en attente d'approbation",approve:"Approuver",decline:"Refuser",downloads:"T\xE9l\xE9chargements",no_downloads:"Aucun t\xE9l\xE9chargement en cours",cancel:"Annuler",pause:"Suspendre",resume:"Reprendre",stack_health:"\xC9tat des services",up:"en ligne",down:"hors ligne",paused:"en pause",pending:"en attente",maintenance:"maintenance",unreachable:"injoignable",media:"Pile multim\xE9dia"},es:{state_downloading:"descargando",state_queued:"en cola",state_paused:"en pausa",state_stalled:"atascado",state_importPending:"esperando importaci\xF3n",state_importBlocked:"importaci\xF3n bloqueada",state_importing:"importando",state_completed:"completado",state_failed:"fallido",state_failedPending:"fallido",state_delay:"retrasado",state_processing:"procesando",state_warning:"aviso",release_inCinemas:"En cines",release_digitalRelease:"Estreno digital",release_physicalRelease:"Estreno f\xEDsico",requests_approved:"aprobadas",requests_available:"disponibles",requests_declined:"rechazadas",new_episodes:"{count} episodios nuevos",now_playing:"Reproduciendo ahora",transcode:"Transcodificando",recently_added:"A\xF1adido recientemente",nothing_added:"A\xFAn no se ha a\xF1adido nada",coming_up:"Pr\xF3ximamente",nothing_coming:"No hay nada pr\xF3ximamente",requests:"Solicitudes",no_requests:"Ninguna solicitud espera aprobaci\xF3n",approve:"Aprobar",decline:"Rechazar",downloads:"Descargas",no_downloads:"No se est\xE1 descargando nada",cancel:"Cancelar",pause:"Pausar",resume:"Reanudar",stack_health:"Estado de los servicios",up:"activo",down:"ca\xEDdo",paused:"en pausa",pending:"pendiente",maintenance:"mantenimiento",unreachable:"no accesible",media:"Pila multimedia"},nl:{state_downloading:"downloaden",state_queued:"in wachtrij",state_paused:"gepauzeerd",state_stalled:"vastgelopen",state_importPending:"wacht op import",state_importBlocked:"import geblokkeerd",state_importing:"importeren",state_completed:"voltooid",state_failed:"mislukt",state_failedPending:"mislukt",state_delay:"vertraagd",state_processing:"verwerken",state_warning:"waarschuwing",release_inCinemas:"In de bioscoop",release_digitalRelease:"Digitale release",release_physicalRelease:"Fysieke release",requests_approved:"goedgekeurd",requests_available:"beschikbaar",requests_declined:"afgewezen",new_episodes:"{count} nieuwe afleveringen",now_playing:"Speelt nu",transcode:"Transcodering",recently_added:"Recent toegevoegd",nothing_added:"Nog niets toegevoegd",coming_up:"Binnenkort",nothing_coming:"Binnenkort niets",requests:"Verzoeken",no_requests:"Geen verzoek wacht op goedkeuring",approve:"Goedkeuren",decline:"Afwijzen",downloads:"Downloads",no_downloads:"Er wordt niets gedownload",cancel:"Annuleren",pause:"Pauzeren",resume:"Hervatten",stack_health:"Status van de diensten",up:"bereikbaar",down:"onbereikbaar",paused:"gepauzeerd",pending:"in afwachting",maintenance:"onderhoud",unreachable:"niet bereikbaar",media:"Mediastack"},it:{state_downloading:"in download",state_queued:"in coda",state_paused:"in pausa",state_stalled:"bloccato",state_importPending:"in attesa di importazione",state_importBlocked:"importazione bloccata",state_importing:"importazione",state_completed:"completato",state_failed:"non riuscito",state_failedPending:"non riuscito",state_delay:"rimandato",state_processing:"elaborazione",state_warning:"avviso",release_inCinemas:"Al cinema",release_digitalRelease:"Uscita digitale",release_physicalRelease:"Uscita fisica",requests_approved:"approvate",requests_available:"disponibili",requests_declined:"rifiutate",new_episodes:"{count} nuovi episodi",now_playing:"In riproduzione",transcode:"Transcodifica",recently_added:"Aggiunti di recente",nothing_added:"Ancora nulla di aggiunto",coming_up:"In arrivo",nothing_coming:"Niente in arrivo",requests:"Richieste",no_requests:"Nessuna richiesta in attesa di approvazione",approve:"Approva",decline:"Rifiuta",downloads:"Download",no_downloads:"Nessun download in corso",cancel:"Annulla",pause:"Pausa",resume:"Riprendi",stack_health:"Stato dei servizi",up:"attivo",down:"non attivo",paused:"in pausa",pending:"in attesa",maintenance:"manutenzione",unreachable:"non raggiungibile",media:"Stack multimediale"}},St=Object.keys(E);function re(n,e,t){let s=(n?.locale?.language||n?.language||"en").split("-")[0];return(E[s]||E.en)[e]??E.en[e]??t}function p(n,e,t={}){let s=(n?.locale?.language||n?.language||"en").split("-")[0];return((E[s]||E.en)[e]??E.en[e]??e).replace(/\{(\w+)\}/g,(a,r)=>r in t?String(t[r]):a)}var W=n=>n?.locale?.language||n?.language||"en";function ue(n,e){let t=new Intl.RelativeTimeFormat(W(n),{numeric:"auto",style:"short"}),s=Math.abs(e);return s<60?t.format(Math.round(e),"second"):s<3600?t.format(Math.round(e/60),"minute"):s<86400?t.format(Math.round(e/3600),"hour"):t.format(Math.round(e/86400),"day")}function et(n,e){let t=e.all_day?new Date(`${e.start.slice(0,10)}T00:00:00`):new Date(e.start),s=new Date;s.setHours(0,0,0,0);let i=new Date(t);i.setHours(0,0,0,0);let a=Math.round((i-s)/864e5),r;if(a===0||a===1)r=new Intl.RelativeTimeFormat(W(n),{numeric:"auto"}).format(a,"day"),r=r.charAt(0).toUpperCase()+r.slice(1);else{let h=a>0&&a<7?{weekday:"short"}:{weekday:"short",day:"numeric",month:"short"};r=new Intl.DateTimeFormat(W(n),h).format(i)}return e.all_day||(r+=" "+new Intl.DateTimeFormat(W(n),{hour:"numeric",minute:"2-digit"}).format(t)),r}function tt(n){return n==null?"":n>=1e6?`${(n/1e6).toFixed(1)} MB/s`:`${Math.round(n/1e3)} kB/s`}function st(n){let e=/^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})/.exec(n||"");if(!e)return null;let[,t,s,i,a]=e.map(r=>Number(r||0));return((t*24+s)*60+i)*60+a}function Ue(n,e){n.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:e},bubbles:!0,composed:!0}))}var me=q`
  :host {
    display: block;
  }
  ha-card {
    height: 100%;
  }
  .header {
    padding: 16px 16px 0;
    font-size: var(--ha-card-header-font-size, 1.25rem);
    font-weight: 500;
    color: var(--ha-card-header-color, var(--primary-text-color));
  }
  .content {
    padding: 8px 16px 16px;
  }
  .empty {
    color: var(--secondary-text-color);
    padding: 8px 0;
  }
  .totals {
    padding-top: 8px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 0;
    border-bottom: 1px solid var(--divider-color);
  }
  .row:last-child {
    border-bottom: none;
  }
  .grow {
    flex: 1;
    min-width: 0;
  }
  .title {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--primary-text-color);
  }
  .sub {
    font-size: 0.875rem;
    color: var(--secondary-text-color);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .bar {
    height: 4px;
    border-radius: 2px;
    background: var(--divider-color);
    overflow: hidden;
    margin-top: 4px;
  }
  .bar > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.5s;
  }
  .actions {
    display: flex;
    gap: 8px;
    margin-top: 6px;
  }
  button {
    font: inherit;
    font-size: 0.875rem;
    border: none;
    border-radius: 18px;
    padding: 6px 14px;
    cursor: pointer;
    color: var(--text-primary-color, #fff);
    background: var(--primary-color);
  }
  button.secondary {
    color: var(--primary-color);
    background: transparent;
    border: 1px solid var(--primary-color);
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .poster {
    width: 48px;
    height: 72px;
    border-radius: 4px;
    object-fit: cover;
    background: var(--secondary-background-color);
    flex: none;
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--secondary-text-color);
    --mdc-icon-size: 24px;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0 6px;
    margin-left: 6px;
    border-radius: 8px;
    vertical-align: middle;
    color: var(--text-primary-color, #fff);
    background: var(--warning-color, #ffa600);
  }
  .warning {
    font-size: 0.875rem;
    color: var(--warning-color, #ffa600);
    white-space: normal;
  }
`;function D(n,e="mdi:movie-open"){return n?c`<img
    class="poster"
    src=${n}
    alt=""
    loading="lazy"
    decoding="async"
    @error=${t=>t.target.replaceWith(Object.assign(document.createElement("div"),{className:"poster"}))}
  />`:c`<div class="poster"><ha-icon icon=${e}></ha-icon></div>`}var f=class extends y{static properties={hass:{attribute:!1},_config:{state:!0},_services:{state:!0}};static styles=me;static kinds=[];static getConfigForm(){return{schema:[{name:"entry_id",selector:{config_entry:{integration:"medianest"}}},{name:"max_items",selector:{number:{min:1,max:50,mode:"box"}}}]}}setConfig(e){this._config={max_items:10,...e}}getCardSize(){return 3}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe()}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe?.(),this._unsubscribe=null}updated(e){e.has("hass")&&this.hass&&!this._unsubscribe&&this._subscribe()}_subscribe(){this._unsubscribe=Te(this.hass,e=>this._services=e)}sections(){let e=this.constructor.kinds;return(this._services||[]).filter(t=>e.includes(t.kind)&&(!this._config.entry_id||t.entry_id===this._config.entry_id))}card(e,t,s=d){return c`<ha-card>
      <div class="header">${e}</div>
      <div class="content">${t}${s}</div>
    </ha-card>`}bar(e){let t=Math.max(0,Math.min(100,e??0));return c`<div class="bar" role="progressbar" aria-valuenow=${Math.round(t)}>
      <div style="width:${t}%"></div>
    </div>`}},oe=class extends f{static kinds=["plex"];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.playing||[]).map(s=>({...s,server:t.title})));return e.length?this.card(p(this.hass,"now_playing"),e.slice(0,this._config.max_items).map(t=>c`<div class="row session">
          ${D(t.poster,t.media_type==="episode"?"mdi:television-classic":"mdi:movie-open")}
          <div class="grow">
            <div class="title">
              <ha-icon class="state" icon=${t.state==="paused"?"mdi:pause":"mdi:play"}></ha-icon>
              ${t.title}
            </div>
            <div class="sub">
              ${[t.user,t.player].filter(Boolean).join(" \xB7 ")}${t.transcode?c`<span class="badge transcode">${p(this.hass,"transcode")}</span>`:d}
            </div>
            ${t.progress!=null?this.bar(t.progress):d}
          </div>
        </div>`)):d}},de=class extends f{static kinds=["sonarr","radarr"];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.upcoming||[]).map(s=>({...s,service:t.title}))).sort((t,s)=>t.start.localeCompare(s.start)).slice(0,this._config.max_items);return this.card(p(this.hass,"coming_up"),e.length?e.map(t=>c`<div class="row upcoming">
              ${D(t.poster,t.all_day?"mdi:movie-open":"mdi:television-classic")}
              <div class="grow">
                <div class="title">${t.title}</div>
                <div class="sub">
                  ${t.release?re(this.hass,`release_${t.release}`,t.subtitle):t.subtitle||t.service}
                </div>
              </div>
              <div class="sub when">${et(this.hass,t)}</div>
            </div>`):c`<div class="empty">${p(this.hass,"nothing_coming")}</div>`)}},le=class extends f{static kinds=["seerr"];static properties={...f.properties,_busy:{state:!0}};async _decide(e,t,s){this._busy=t.id;try{await this.hass.callService("medianest",`${s}_request`,{config_entry_id:e.entry_id,request_id:t.id})}catch(i){Ue(this,i.message)}finally{this._busy=null}}statusLine(){let e={};for(let s of this.sections())for(let[i,a]of Object.entries(s.counts||{}))e[i]=(e[i]||0)+a;let t=["approved","available","declined"].filter(s=>e[s]).map(s=>`${e[s]} ${p(this.hass,`requests_${s}`)}`);return t.length?c`<div class="sub totals">${t.join(" \xB7 ")}</div>`:d}render(){if(!this._services)return d;let e=this.hass?.user?.is_admin,t=this.sections().flatMap(i=>(i.pending||[]).map(a=>[i,a])),s=Date.now();return this.card(p(this.hass,"requests"),t.length?t.slice(0,this._config.max_items).map(([i,a])=>c`<div class="row request">
              ${D(a.poster,a.media_type==="tv"?"mdi:television-classic":"mdi:movie-open")}
              <div class="grow">
                <div class="title">${a.title||"?"}${a.year?` (${a.year})`:""}</div>
                <div class="sub">
                  ${[a.requested_by,a.created?ue(this.hass,(Date.parse(a.created)-s)/1e3):null].filter(Boolean).join(" \xB7 ")}
                </div>
                ${e?c`<div class="actions">
                      ${["approve","decline"].map(r=>c`<button
                          class="${r} ${r==="decline"?"secondary":""}"
                          ?disabled=${this._busy===a.id}
                          @click=${()=>this._decide(i,a,r)}
                        >
                          ${p(this.hass,r)}
                        </button>`)}
                    </div>`:d}
              </div>
            </div>`):c`<div class="empty">${p(this.hass,"no_requests")}</div>`,this.statusLine())}},ce=class extends f{static kinds=["sonarr","radarr","qbittorrent","downloader"];items(){let e=[];for(let s of this.sections()){for(let i of s.queue||[])e.push({title:i.title,service:s.title,progress:i.progress,left:i.warning?null:st(i.time_left),state:i.state||i.status,poster:i.poster,icon:s.kind==="sonarr"?"mdi:television-classic":"mdi:movie-open",messages:i.warning?i.messages||[]:[]});for(let i of s.torrents||[]){let a={device_id:s.device_id,hashes:[i.hash]};e.push({key:`${s.entry_id}:${i.hash}`,title:i.name,service:s.title,progress:i.progress,left:i.paused?null:i.eta,speed:i.paused?null:i.speed,state:i.group||i.state,icon:"mdi:magnet",action:i.paused?["resume","resume_torrents",a]:["pause","pause_torrents",a]})}for(let i of s.downloads||[])i.finished||e.push({title:i.title,service:s.title,progress:i.progress,left:i.eta,speed:i.speed,state:i.status,icon:"mdi:download",action:["cancel","cancel_download",{config_entry_id:s.entry_id,download_id:i.id}]})}let t=s=>s.messages?.length?0:this._pinned.has(s.key)?1:2;return e.sort((s,i)=>t(s)-t(i)||(s.left??1/0)-(i.left??1/0))}_pinned=new Set;async _act([,e,t],s){s&&this._pinned.add(s);try{await this.hass.callService("medianest",e,t)}catch(i){Ue(this,i.message)}}render(){if(!this._services)return d;let e=this.items();return this.card(p(this.hass,"downloads"),e.length?e.slice(0,this._config.max_items).map(t=>c`<div class="row download">
              ${D(t.poster,t.icon)}
              <div class="grow">
                <div class="title">${t.title}</div>
                <div class="sub">
                  ${[t.service,t.progress!=null?`${Math.round(t.progress)} %`:null,tt(t.speed),t.left!=null?`${ue(this.hass,t.left)}`:null,t.state?re(this.hass,`state_${t.state}`,t.state):null].filter(Boolean).join(" \xB7 ")}
                </div>
                ${t.messages?.length?t.messages.map(s=>c`<div class="warning"><ha-icon icon="mdi:alert"></ha-icon> ${s}</div>`):this.bar(t.progress)}
              </div>
              ${t.action?c`<button class="secondary ${t.action[0]}" @click=${()=>this._act(t.action,t.key)}>
                    ${p(this.hass,t.action[0])}
                  </button>`:d}
            </div>`):c`<div class="empty">${p(this.hass,"no_downloads")}</div>`)}},he=class extends f{static kinds=["plex"];static styles=[me,q`
      .shelf {
        display: flex;
        gap: 12px;
        overflow-x: auto;
        scroll-snap-type: x proximity;
        padding-bottom: 4px;
      }
      a.item {
        flex: none;
        width: 100px;
        text-decoration: none;
        scroll-snap-align: start;
      }
      a.item .poster {
        width: 100px;
        height: 150px;
      }
      a.item .title {
        font-size: 0.875rem;
        margin-top: 4px;
      }
    `];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.recent||[]).map(s=>({...s,server_id:t.server_id}))).sort((t,s)=>(s.added||"").localeCompare(t.added||"")).slice(0,this._config.max_items);return this.card(p(this.hass,"recently_added"),e.length?c`<div class="shelf">
            ${e.map(t=>c`<a
                class="item recent"
                href=${t.server_id?`https://app.plex.tv/desktop/#!/server/${t.server_id}/details?key=${encodeURIComponent(`/library/metadata/${t.rating_key}`)}`:d}
                target="_blank"
                rel="noreferrer"
                title=${[t.title,t.year,t.library].filter(Boolean).join(" \xB7 ")}
              >
                ${D(t.poster)}
                <div class="title">${t.title}</div>
                <div class="sub">
                  ${t.count>1?p(this.hass,"new_episodes",{count:t.count}):t.added?ue(this.hass,(Date.parse(t.added)-Date.now())/1e3):""}
                </div>
              </a>`)}
          </div>`:c`<div class="empty">${p(this.hass,"nothing_added")}</div>`)}},pe=class extends f{static kinds=["plex","seerr","sonarr","radarr","prowlarr","qbittorrent","uptime_kuma","downloader"];static styles=[me,q`
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 4px 12px;
        border-radius: 16px;
        font-size: 0.875rem;
        background: var(--secondary-background-color);
        color: var(--primary-text-color);
        cursor: pointer;
        border: 1px solid var(--divider-color);
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--success-color, #43a047);
      }
      .chip.down .dot {
        background: var(--error-color, #db4437);
      }
      .chip.paused .dot,
      .chip.pending .dot,
      .chip.maintenance .dot {
        background: var(--warning-color, #ffa600);
      }
    `];_open(e){e&&(history.pushState(null,"",`/config/devices/device/${e}`),window.dispatchEvent(new CustomEvent("location-changed")))}render(){if(!this._services)return d;let e=[];for(let t of this.sections()){e.push({name:t.title,status:t.available?"up":"down",device:t.device_id});for(let s of t.monitors||[])e.push({name:s.name,status:s.status||"pending",device:s.device_id,ms:s.response_time})}return this.card(p(this.hass,"stack_health"),c`<div class="chips">
        ${e.map(t=>c`<span
            class="chip ${t.status}"
            role="button"
            title="${t.name}: ${p(this.hass,t.status==="down"?"unreachable":t.status)}"
            @click=${()=>this._open(t.device)}
            ><span class="dot"></span>${t.name}${t.ms!=null?c` · ${Math.round(t.ms)} ms`:d}</span
          >`)}
      </div>`)}},ze={"medianest-now-playing":[oe,"Now playing","Who watches what on Plex (hidden while idle)"],"medianest-recently-added":[he,"Recently added","The newest items on Plex, as posters"],"medianest-coming-up":[de,"Coming up","Episodes and movies Sonarr and Radarr expect"],"medianest-requests":[le,"Requests","Seerr requests waiting, with Approve and Decline"],"medianest-downloads":[ce,"Downloads","Everything downloading across the stack"],"medianest-stack-health":[pe,"Stack health","Every service and Uptime Kuma monitor"]};var it={"medianest-now-playing":["plex"],"medianest-recently-added":["plex"],"medianest-requests":["seerr"],"medianest-downloads":["sonarr","radarr","qbittorrent","downloader"],"medianest-coming-up":["sonarr","radarr"],"medianest-stack-health":null},nt={"medianest-downloads":{max_items:20}};function at(n){let e=new Set(n.map(t=>t.kind));return Object.entries(it).filter(([,t])=>t===null?e.size>0:t.some(s=>e.has(s))).map(([t])=>({type:`custom:${t}`,...nt[t]}))}var V=class extends HTMLElement{static async generate(e,t){let s=await Oe(t);return{title:p(t,"media"),views:[{title:p(t,"media"),path:"media",icon:"mdi:multimedia",cards:at(s)}]}}};function De(){for(let[n,[e,t,s]]of Object.entries(ze))customElements.get(n)||customElements.define(n,e),window.customCards=window.customCards||[],window.customCards.some(i=>i.type===n)||window.customCards.push({type:n,name:`MediaNest: ${t}`,description:s,preview:!0});customElements.get("ll-strategy-dashboard-medianest")||customElements.define("ll-strategy-dashboard-medianest",V)}window.CustomElementRegistryPolyfill?De():customElements.whenDefined("home-assistant").then(De);
