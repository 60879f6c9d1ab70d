var H=globalThis,j=H.ShadowRoot&&(H.ShadyCSS===void 0||H.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,K=Symbol(),me=new WeakMap,M=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==K)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(j&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=me.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&me.set(t,e))}return e}toString(){return this.cssText}},ge=n=>new M(typeof n=="string"?n:n+"",void 0,K),P=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((s,i,r)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[r+1],n[0]);return new M(t,n,K)},fe=(n,e)=>{if(j)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),i=H.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=t.cssText,n.appendChild(s)}},G=j?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return ge(t)})(n):n;var{is:ze,defineProperty:He,getOwnPropertyDescriptor:je,getOwnPropertyNames:Le,getOwnPropertySymbols:Be,getPrototypeOf:Ie}=Object,L=globalThis,_e=L.trustedTypes,Fe=_e?_e.emptyScript:"",We=L.reactiveElementPolyfillSupport,N=(n,e)=>n,J={toAttribute(n,e){switch(e){case Boolean:n=n?Fe:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},$e=(n,e)=>!ze(n,e),ve={attribute:!0,type:String,converter:J,reflect:!1,useDefault:!1,hasChanged:$e};Symbol.metadata??=Symbol("metadata"),L.litPropertyMetadata??=new WeakMap;var f=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ve){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(e,s,t);i!==void 0&&He(this.prototype,e,i)}}static getPropertyDescriptor(e,t,s){let{get:i,set:r}=je(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:i,set(o){let h=i?.call(this);r?.call(this,o),this.requestUpdate(e,h,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ve}static _$Ei(){if(this.hasOwnProperty(N("elementProperties")))return;let e=Ie(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(N("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(N("properties"))){let t=this.properties,s=[...Le(t),...Be(t)];for(let i of s)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,i]of t)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let i=this._$Eu(t,s);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let i of s)t.unshift(G(i))}else e!==void 0&&t.push(G(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return fe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,s);if(i!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:J).toAttribute(t,s.type);this._$Em=e,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(e,t){let s=this.constructor,i=s._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let r=s.getPropertyOptions(i),o=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:J;this._$Em=i;let h=o.fromAttribute(t,r.type);this[i]=h??this._$Ej?.get(i)??h,this._$Em=null}}requestUpdate(e,t,s,i=!1,r){if(e!==void 0){let o=this.constructor;if(i===!1&&(r=this[e]),s??=o.getPropertyOptions(e),!((s.hasChanged??$e)(r,t)||s.useDefault&&s.reflect&&r===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:i,wrapped:r},o){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),r!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,r]of s){let{wrapped:o}=r,h=this[i];o!==!0||this._$AL.has(i)||h===void 0||this.C(i,void 0,r,h)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};f.elementStyles=[],f.shadowRootOptions={mode:"open"},f[N("elementProperties")]=new Map,f[N("finalized")]=new Map,We?.({ReactiveElement:f}),(L.reactiveElementVersions??=[]).push("2.1.2");var se=globalThis,ye=n=>n,B=se.trustedTypes,be=B?B.createPolicy("lit-html",{createHTML:n=>n}):void 0,ke="$lit$",$=`lit$${Math.random().toFixed(9).slice(2)}$`,Ce="?"+$,Ve=`<${Ce}>`,A=document,q=()=>A.createComment(""),T=n=>n===null||typeof n!="object"&&typeof n!="function",ie=Array.isArray,Ke=n=>ie(n)||typeof n?.[Symbol.iterator]=="function",Z=`[ 	
\f\r]`,R=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,we=/-->/g,xe=/>/g,w=RegExp(`>|${Z}(?:([^\\s"'>=/]+)(${Z}*=${Z}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Ae=/'/g,Se=/"/g,Me=/^(?:script|style|textarea|title)$/i,ne=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),l=ne(1),ct=ne(2),lt=ne(3),S=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ee=new WeakMap,x=A.createTreeWalker(A,129);function Pe(n,e){if(!ie(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return be!==void 0?be.createHTML(e):e}var Ge=(n,e)=>{let t=n.length-1,s=[],i,r=e===2?"<svg>":e===3?"<math>":"",o=R;for(let h=0;h<t;h++){let a=n[h],u,m,c=-1,g=0;for(;g<a.length&&(o.lastIndex=g,m=o.exec(a),m!==null);)g=o.lastIndex,o===R?m[1]==="!--"?o=we:m[1]!==void 0?o=xe:m[2]!==void 0?(Me.test(m[2])&&(i=RegExp("</"+m[2],"g")),o=w):m[3]!==void 0&&(o=w):o===w?m[0]===">"?(o=i??R,c=-1):m[1]===void 0?c=-2:(c=o.lastIndex-m[2].length,u=m[1],o=m[3]===void 0?w:m[3]==='"'?Se:Ae):o===Se||o===Ae?o=w:o===we||o===xe?o=R:(o=w,i=void 0);let v=o===w&&n[h+1].startsWith("/>")?" ":"";r+=o===R?a+Ve:c>=0?(s.push(u),a.slice(0,c)+ke+a.slice(c)+$+v):a+$+(c===-2?h:v)}return[Pe(n,r+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},O=class n{constructor({strings:e,_$litType$:t},s){let i;this.parts=[];let r=0,o=0,h=e.length-1,a=this.parts,[u,m]=Ge(e,t);if(this.el=n.createElement(u,s),x.currentNode=this.el.content,t===2||t===3){let c=this.el.content.firstChild;c.replaceWith(...c.childNodes)}for(;(i=x.nextNode())!==null&&a.length<h;){if(i.nodeType===1){if(i.hasAttributes())for(let c of i.getAttributeNames())if(c.endsWith(ke)){let g=m[o++],v=i.getAttribute(c).split($),z=/([.?@])?(.*)/.exec(g);a.push({type:1,index:r,name:z[2],strings:v,ctor:z[1]==="."?Q:z[1]==="?"?Y:z[1]==="@"?ee:k}),i.removeAttribute(c)}else c.startsWith($)&&(a.push({type:6,index:r}),i.removeAttribute(c));if(Me.test(i.tagName)){let c=i.textContent.split($),g=c.length-1;if(g>0){i.textContent=B?B.emptyScript:"";for(let v=0;v<g;v++)i.append(c[v],q()),x.nextNode(),a.push({type:2,index:++r});i.append(c[g],q())}}}else if(i.nodeType===8)if(i.data===Ce)a.push({type:2,index:r});else{let c=-1;for(;(c=i.data.indexOf($,c+1))!==-1;)a.push({type:7,index:r}),c+=$.length-1}r++}}static createElement(e,t){let s=A.createElement("template");return s.innerHTML=e,s}};function E(n,e,t=n,s){if(e===S)return e;let i=s!==void 0?t._$Co?.[s]:t._$Cl,r=T(e)?void 0:e._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(n),i._$AT(n,t,s)),s!==void 0?(t._$Co??=[])[s]=i:t._$Cl=i),i!==void 0&&(e=E(n,i._$AS(n,e.values),i,s)),e}var X=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,i=(e?.creationScope??A).importNode(t,!0);x.currentNode=i;let r=x.nextNode(),o=0,h=0,a=s[0];for(;a!==void 0;){if(o===a.index){let u;a.type===2?u=new U(r,r.nextSibling,this,e):a.type===1?u=new a.ctor(r,a.name,a.strings,this,e):a.type===6&&(u=new te(r,this,e)),this._$AV.push(u),a=s[++h]}o!==a?.index&&(r=x.nextNode(),o++)}return x.currentNode=A,i}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},U=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=E(this,e,t),T(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==S&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ke(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&T(this._$AH)?this._$AA.nextSibling.data=e:this.T(A.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,i=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=O.createElement(Pe(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(t);else{let r=new X(i,this),o=r.u(this.options);r.p(t),this.T(o),this._$AH=r}}_$AC(e){let t=Ee.get(e.strings);return t===void 0&&Ee.set(e.strings,t=new O(e)),t}k(e){ie(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,i=0;for(let r of e)i===t.length?t.push(s=new n(this.O(q()),this.O(q()),this,this.options)):s=t[i],s._$AI(r),i++;i<t.length&&(this._$AR(s&&s._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=ye(e).nextSibling;ye(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},k=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,i,r){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=d}_$AI(e,t=this,s,i){let r=this.strings,o=!1;if(r===void 0)e=E(this,e,t,0),o=!T(e)||e!==this._$AH&&e!==S,o&&(this._$AH=e);else{let h=e,a,u;for(e=r[0],a=0;a<r.length-1;a++)u=E(this,h[s+a],t,a),u===S&&(u=this._$AH[a]),o||=!T(u)||u!==this._$AH[a],u===d?e=d:e!==d&&(e+=(u??"")+r[a+1]),this._$AH[a]=u}o&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},Q=class extends k{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},Y=class extends k{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},ee=class extends k{constructor(e,t,s,i,r){super(e,t,s,i,r),this.type=5}_$AI(e,t=this){if((e=E(this,e,t,0)??d)===S)return;let s=this._$AH,i=e===d&&s!==d||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,r=e!==d&&(s===d||i);i&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},te=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){E(this,e)}};var Je=se.litHtmlPolyfillSupport;Je?.(O,U),(se.litHtmlVersions??=[]).push("3.3.3");var Ne=(n,e,t)=>{let s=t?.renderBefore??e,i=s._$litPart$;if(i===void 0){let r=t?.renderBefore??null;s._$litPart$=i=new U(e.insertBefore(q(),r),r,void 0,t??{})}return i._$AI(n),i};var re=globalThis,y=class extends f{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ne(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return S}};y._$litElement$=!0,y.finalized=!0,re.litElementHydrateSupport?.({LitElement:y});var Ze=re.litElementPolyfillSupport;Ze?.({LitElement:y});(re.litElementVersions??=[]).push("4.2.2");var I=new Set,b=null,C=null,Re=null;function Xe(){let n=b?[...b.values()]:null;for(let e of I)e(n)}function Qe(n){n.services?b=new Map(n.services.map(e=>[e.entry_id,e])):n.service&&b&&b.set(n.service.entry_id,n.service),Xe()}function qe(n,e){return I.add(e),b&&e([...b.values()]),(!C||Re!==n.connection)&&(Re=n.connection,C=n.connection.subscribeMessage(Qe,{type:"medianest/dashboard/subscribe"}).catch(t=>{C=null,console.error("MediaNest: the dashboard subscription failed",t)})),()=>{if(I.delete(e),I.size===0&&C){let t=C;C=null,b=null,t.then(s=>s&&s())}}}function Te(n){return new Promise((e,t)=>{let s;n.connection.subscribeMessage(i=>{i.services&&(e(i.services),Promise.resolve(s).then(r=>r&&r()))},{type:"medianest/dashboard/subscribe"}).then(i=>s=i,t)})}var F={en:{requests_approved:"approved",requests_available:"available",requests_declined:"declined",new_episodes:"{count} new episodes",now_playing:"Now playing",transcode:"Transcode",recently_added:"Recently added",nothing_added:"Nothing added yet",coming_up:"Coming up",nothing_coming:"Nothing coming up",requests:"Requests",no_requests:"No request is waiting for approval",approve:"Approve",decline:"Decline",downloads:"Downloads",no_downloads:"Nothing is downloading",cancel:"Cancel",pause:"Pause",resume:"Resume",stack_health:"Stack health",up:"up",down:"down",paused:"paused",pending:"pending",maintenance:"maintenance",unreachable:"not reachable",media:"Media stack"},de:{requests_approved:"freigegeben",requests_available:"verf\xFCgbar",requests_declined:"abgelehnt",new_episodes:"{count} neue Folgen",now_playing:"L\xE4uft gerade",transcode:"Transkodiert",recently_added:"Neu hinzugef\xFCgt",nothing_added:"Noch nichts hinzugef\xFCgt",coming_up:"Demn\xE4chst",nothing_coming:"Demn\xE4chst kommt nichts",requests:"Anfragen",no_requests:"Keine Anfrage wartet auf Freigabe",approve:"Freigeben",decline:"Ablehnen",downloads:"Downloads",no_downloads:"Es wird nichts heruntergeladen",cancel:"Abbrechen",pause:"Pausieren",resume:"Fortsetzen",stack_health:"Zustand der Dienste",up:"erreichbar",down:"ausgefallen",paused:"pausiert",pending:"ausstehend",maintenance:"Wartung",unreachable:"nicht erreichbar",media:"Medien-Stack"},fr:{requests_approved:"approuv\xE9es",requests_available:"disponibles",requests_declined:"refus\xE9es",new_episodes:"{count} nouveaux \xE9pisodes",now_playing:"En cours de lecture",transcode:"Transcodage",recently_added:"Ajouts r\xE9cents",nothing_added:"Rien n'a encore \xE9t\xE9 ajout\xE9",coming_up:"\xC0 venir",nothing_coming:"Rien \xE0 venir",requests:"Demandes",no_requests:"Aucune demande en attente d'approbation",approve:"Approuver",decline:"Refuser",downloads:"T\xE9l\xE9chargements",no_downloads:"Aucun t\xE9l\xE9chargement en cours",cancel:"Annuler",pause:"Suspendre",resume:"Reprendre",stack_health:"\xC9tat des services",up:"en ligne",down:"hors ligne",paused:"en pause",pending:"en attente",maintenance:"maintenance",unreachable:"injoignable",media:"Pile multim\xE9dia"},es:{requests_approved:"aprobadas",requests_available:"disponibles",requests_declined:"rechazadas",new_episodes:"{count} episodios nuevos",now_playing:"Reproduciendo ahora",transcode:"Transcodificando",recently_added:"A\xF1adido recientemente",nothing_added:"A\xFAn no se ha a\xF1adido nada",coming_up:"Pr\xF3ximamente",nothing_coming:"No hay nada pr\xF3ximamente",requests:"Solicitudes",no_requests:"Ninguna solicitud espera aprobaci\xF3n",approve:"Aprobar",decline:"Rechazar",downloads:"Descargas",no_downloads:"No se est\xE1 descargando nada",cancel:"Cancelar",pause:"Pausar",resume:"Reanudar",stack_health:"Estado de los servicios",up:"activo",down:"ca\xEDdo",paused:"en pausa",pending:"pendiente",maintenance:"mantenimiento",unreachable:"no accesible",media:"Pila multimedia"},nl:{requests_approved:"goedgekeurd",requests_available:"beschikbaar",requests_declined:"afgewezen",new_episodes:"{count} nieuwe afleveringen",now_playing:"Speelt nu",transcode:"Transcodering",recently_added:"Recent toegevoegd",nothing_added:"Nog niets toegevoegd",coming_up:"Binnenkort",nothing_coming:"Binnenkort niets",requests:"Verzoeken",no_requests:"Geen verzoek wacht op goedkeuring",approve:"Goedkeuren",decline:"Afwijzen",downloads:"Downloads",no_downloads:"Er wordt niets gedownload",cancel:"Annuleren",pause:"Pauzeren",resume:"Hervatten",stack_health:"Status van de diensten",up:"bereikbaar",down:"onbereikbaar",paused:"gepauzeerd",pending:"in afwachting",maintenance:"onderhoud",unreachable:"niet bereikbaar",media:"Mediastack"},it:{requests_approved:"approvate",requests_available:"disponibili",requests_declined:"rifiutate",new_episodes:"{count} nuovi episodi",now_playing:"In riproduzione",transcode:"Transcodifica",recently_added:"Aggiunti di recente",nothing_added:"Ancora nulla di aggiunto",coming_up:"In arrivo",nothing_coming:"Niente in arrivo",requests:"Richieste",no_requests:"Nessuna richiesta in attesa di approvazione",approve:"Approva",decline:"Rifiuta",downloads:"Download",no_downloads:"Nessun download in corso",cancel:"Annulla",pause:"Pausa",resume:"Riprendi",stack_health:"Stato dei servizi",up:"attivo",down:"non attivo",paused:"in pausa",pending:"in attesa",maintenance:"manutenzione",unreachable:"non raggiungibile",media:"Stack multimediale"}},At=Object.keys(F);function p(n,e,t={}){let s=(n?.locale?.language||n?.language||"en").split("-")[0];return((F[s]||F.en)[e]??F.en[e]??e).replace(/\{(\w+)\}/g,(r,o)=>o in t?String(t[o]):r)}var W=n=>n?.locale?.language||n?.language||"en";function pe(n,e){let t=new Intl.RelativeTimeFormat(W(n),{numeric:"auto",style:"short"}),s=Math.abs(e);return s<60?t.format(Math.round(e),"second"):s<3600?t.format(Math.round(e/60),"minute"):s<86400?t.format(Math.round(e/3600),"hour"):t.format(Math.round(e/86400),"day")}function Ye(n,e){let t=e.all_day?new Date(`${e.start.slice(0,10)}T00:00:00`):new Date(e.start),s=new Date;s.setHours(0,0,0,0);let i=new Date(t);i.setHours(0,0,0,0);let r=Math.round((i-s)/864e5),o;if(r===0||r===1)o=new Intl.RelativeTimeFormat(W(n),{numeric:"auto"}).format(r,"day"),o=o.charAt(0).toUpperCase()+o.slice(1);else{let h=r>0&&r<7?{weekday:"short"}:{weekday:"short",day:"numeric",month:"short"};o=new Intl.DateTimeFormat(W(n),h).format(i)}return e.all_day||(o+=" "+new Intl.DateTimeFormat(W(n),{hour:"numeric",minute:"2-digit"}).format(t)),o}function et(n){return n==null?"":n>=1e6?`${(n/1e6).toFixed(1)} MB/s`:`${Math.round(n/1e3)} kB/s`}function tt(n){let e=/^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})/.exec(n||"");if(!e)return null;let[,t,s,i,r]=e.map(o=>Number(o||0));return((t*24+s)*60+i)*60+r}function Oe(n,e){n.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:e},bubbles:!0,composed:!0}))}var ue=P`
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
`;function D(n,e="mdi:movie-open"){return n?l`<img
    class="poster"
    src=${n}
    alt=""
    loading="lazy"
    decoding="async"
    @error=${t=>t.target.replaceWith(Object.assign(document.createElement("div"),{className:"poster"}))}
  />`:l`<div class="poster"><ha-icon icon=${e}></ha-icon></div>`}var _=class extends y{static properties={hass:{attribute:!1},_config:{state:!0},_services:{state:!0}};static styles=ue;static kinds=[];static getConfigForm(){return{schema:[{name:"entry_id",selector:{config_entry:{integration:"medianest"}}},{name:"max_items",selector:{number:{min:1,max:50,mode:"box"}}}]}}setConfig(e){this._config={max_items:10,...e}}getCardSize(){return 3}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe()}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe?.(),this._unsubscribe=null}updated(e){e.has("hass")&&this.hass&&!this._unsubscribe&&this._subscribe()}_subscribe(){this._unsubscribe=qe(this.hass,e=>this._services=e)}sections(){let e=this.constructor.kinds;return(this._services||[]).filter(t=>e.includes(t.kind)&&(!this._config.entry_id||t.entry_id===this._config.entry_id))}card(e,t,s=d){return l`<ha-card>
      <div class="header">${e}</div>
      <div class="content">${t}${s}</div>
    </ha-card>`}bar(e){let t=Math.max(0,Math.min(100,e??0));return l`<div class="bar" role="progressbar" aria-valuenow=${Math.round(t)}>
      <div style="width:${t}%"></div>
    </div>`}},oe=class extends _{static kinds=["plex"];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.playing||[]).map(s=>({...s,server:t.title})));return e.length?this.card(p(this.hass,"now_playing"),e.slice(0,this._config.max_items).map(t=>l`<div class="row session">
          ${D(t.poster,t.media_type==="episode"?"mdi:television-classic":"mdi:movie-open")}
          <div class="grow">
            <div class="title">
              <ha-icon class="state" icon=${t.state==="paused"?"mdi:pause":"mdi:play"}></ha-icon>
              ${t.title}
            </div>
            <div class="sub">
              ${[t.user,t.player].filter(Boolean).join(" \xB7 ")}${t.transcode?l`<span class="badge transcode">${p(this.hass,"transcode")}</span>`:d}
            </div>
            ${t.progress!=null?this.bar(t.progress):d}
          </div>
        </div>`)):d}},ae=class extends _{static kinds=["sonarr","radarr"];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.upcoming||[]).map(s=>({...s,service:t.title}))).sort((t,s)=>t.start.localeCompare(s.start)).slice(0,this._config.max_items);return this.card(p(this.hass,"coming_up"),e.length?e.map(t=>l`<div class="row upcoming">
              ${D(t.poster,t.all_day?"mdi:movie-open":"mdi:television-classic")}
              <div class="grow">
                <div class="title">${t.title}</div>
                <div class="sub">${t.subtitle||t.service}</div>
              </div>
              <div class="sub when">${Ye(this.hass,t)}</div>
            </div>`):l`<div class="empty">${p(this.hass,"nothing_coming")}</div>`)}},de=class extends _{static kinds=["seerr"];static properties={..._.properties,_busy:{state:!0}};async _decide(e,t,s){this._busy=t.id;try{await this.hass.callService("medianest",`${s}_request`,{config_entry_id:e.entry_id,request_id:t.id})}catch(i){Oe(this,i.message)}finally{this._busy=null}}statusLine(){let e={};for(let s of this.sections())for(let[i,r]of Object.entries(s.counts||{}))e[i]=(e[i]||0)+r;let t=["approved","available","declined"].filter(s=>e[s]).map(s=>`${e[s]} ${p(this.hass,`requests_${s}`)}`);return t.length?l`<div class="sub totals">${t.join(" \xB7 ")}</div>`:d}render(){if(!this._services)return d;let e=this.hass?.user?.is_admin,t=this.sections().flatMap(i=>(i.pending||[]).map(r=>[i,r])),s=Date.now();return this.card(p(this.hass,"requests"),t.length?t.slice(0,this._config.max_items).map(([i,r])=>l`<div class="row request">
              ${D(r.poster,r.media_type==="tv"?"mdi:television-classic":"mdi:movie-open")}
              <div class="grow">
                <div class="title">${r.title||"?"}${r.year?` (${r.year})`:""}</div>
                <div class="sub">
                  ${[r.requested_by,r.created?pe(this.hass,(Date.parse(r.created)-s)/1e3):null].filter(Boolean).join(" \xB7 ")}
                </div>
                ${e?l`<div class="actions">
                      ${["approve","decline"].map(o=>l`<button
                          class="${o} ${o==="decline"?"secondary":""}"
                          ?disabled=${this._busy===r.id}
                          @click=${()=>this._decide(i,r,o)}
                        >
                          ${p(this.hass,o)}
                        </button>`)}
                    </div>`:d}
              </div>
            </div>`):l`<div class="empty">${p(this.hass,"no_requests")}</div>`,this.statusLine())}},ce=class extends _{static kinds=["sonarr","radarr","qbittorrent","downloader"];items(){let e=[];for(let s of this.sections()){for(let i of s.queue||[])e.push({title:i.title,service:s.title,progress:i.progress,left:i.warning?null:tt(i.time_left),state:i.state||i.status,poster:i.poster,icon:s.kind==="sonarr"?"mdi:television-classic":"mdi:movie-open",messages:i.warning?i.messages||[]:[]});for(let i of s.torrents||[]){let r={device_id:s.device_id,hashes:[i.hash]};e.push({key:`${s.entry_id}:${i.hash}`,title:i.name,service:s.title,progress:i.progress,left:i.paused?null:i.eta,speed:i.paused?null:i.speed,state:i.state,icon:"mdi:magnet",action:i.paused?["resume","resume_torrents",r]:["pause","pause_torrents",r]})}for(let i of s.downloads||[])i.finished||e.push({title:i.title,service:s.title,progress:i.progress,left:i.eta,speed:i.speed,state:i.status,icon:"mdi:download",action:["cancel","cancel_download",{config_entry_id:s.entry_id,download_id:i.id}]})}let t=s=>s.messages?.length?0:this._pinned.has(s.key)?1:2;return e.sort((s,i)=>t(s)-t(i)||(s.left??1/0)-(i.left??1/0))}_pinned=new Set;async _act([,e,t],s){s&&this._pinned.add(s);try{await this.hass.callService("medianest",e,t)}catch(i){Oe(this,i.message)}}render(){if(!this._services)return d;let e=this.items();return this.card(p(this.hass,"downloads"),e.length?e.slice(0,this._config.max_items).map(t=>l`<div class="row download">
              ${D(t.poster,t.icon)}
              <div class="grow">
                <div class="title">${t.title}</div>
                <div class="sub">
                  ${[t.service,t.progress!=null?`${Math.round(t.progress)} %`:null,et(t.speed),t.left!=null?`${pe(this.hass,t.left)}`:null,t.state].filter(Boolean).join(" \xB7 ")}
                </div>
                ${t.messages?.length?t.messages.map(s=>l`<div class="warning"><ha-icon icon="mdi:alert"></ha-icon> ${s}</div>`):this.bar(t.progress)}
              </div>
              ${t.action?l`<button class="secondary ${t.action[0]}" @click=${()=>this._act(t.action,t.key)}>
                    ${p(this.hass,t.action[0])}
                  </button>`:d}
            </div>`):l`<div class="empty">${p(this.hass,"no_downloads")}</div>`)}},le=class extends _{static kinds=["plex"];static styles=[ue,P`
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
    `];render(){if(!this._services)return d;let e=this.sections().flatMap(t=>(t.recent||[]).map(s=>({...s,server_id:t.server_id}))).sort((t,s)=>(s.added||"").localeCompare(t.added||"")).slice(0,this._config.max_items);return this.card(p(this.hass,"recently_added"),e.length?l`<div class="shelf">
            ${e.map(t=>l`<a
                class="item recent"
                href=${t.server_id?`https://app.plex.tv/desktop/#!/server/${t.server_id}/details?key=${encodeURIComponent(`/library/metadata/${t.rating_key}`)}`:d}
                target="_blank"
                rel="noreferrer"
                title=${[t.title,t.year,t.library].filter(Boolean).join(" \xB7 ")}
              >
                ${D(t.poster)}
                <div class="title">${t.title}</div>
                <div class="sub">
                  ${t.count>1?p(this.hass,"new_episodes",{count:t.count}):t.added?pe(this.hass,(Date.parse(t.added)-Date.now())/1e3):""}
                </div>
              </a>`)}
          </div>`:l`<div class="empty">${p(this.hass,"nothing_added")}</div>`)}},he=class extends _{static kinds=["plex","seerr","sonarr","radarr","prowlarr","qbittorrent","uptime_kuma","downloader"];static styles=[ue,P`
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
    `];_open(e){e&&(history.pushState(null,"",`/config/devices/device/${e}`),window.dispatchEvent(new CustomEvent("location-changed")))}render(){if(!this._services)return d;let e=[];for(let t of this.sections()){e.push({name:t.title,status:t.available?"up":"down",device:t.device_id});for(let s of t.monitors||[])e.push({name:s.name,status:s.status||"pending",device:s.device_id,ms:s.response_time})}return this.card(p(this.hass,"stack_health"),l`<div class="chips">
        ${e.map(t=>l`<span
            class="chip ${t.status}"
            role="button"
            title="${t.name}: ${p(this.hass,t.status==="down"?"unreachable":t.status)}"
            @click=${()=>this._open(t.device)}
            ><span class="dot"></span>${t.name}${t.ms!=null?l` · ${Math.round(t.ms)} ms`:d}</span
          >`)}
      </div>`)}},Ue={"medianest-now-playing":[oe,"Now playing","Who watches what on Plex (hidden while idle)"],"medianest-recently-added":[le,"Recently added","The newest items on Plex, as posters"],"medianest-coming-up":[ae,"Coming up","Episodes and movies Sonarr and Radarr expect"],"medianest-requests":[de,"Requests","Seerr requests waiting, with Approve and Decline"],"medianest-downloads":[ce,"Downloads","Everything downloading across the stack"],"medianest-stack-health":[he,"Stack health","Every service and Uptime Kuma monitor"]};var st={"medianest-now-playing":["plex"],"medianest-recently-added":["plex"],"medianest-requests":["seerr"],"medianest-downloads":["sonarr","radarr","qbittorrent","downloader"],"medianest-coming-up":["sonarr","radarr"],"medianest-stack-health":null},it={"medianest-downloads":{max_items:20}};function nt(n){let e=new Set(n.map(t=>t.kind));return Object.entries(st).filter(([,t])=>t===null?e.size>0:t.some(s=>e.has(s))).map(([t])=>({type:`custom:${t}`,...it[t]}))}var V=class extends HTMLElement{static async generate(e,t){let s=await Te(t);return{title:p(t,"media"),views:[{title:p(t,"media"),path:"media",icon:"mdi:multimedia",cards:nt(s)}]}}};function De(){for(let[n,[e,t,s]]of Object.entries(Ue))customElements.get(n)||customElements.define(n,e),window.customCards=window.customCards||[],window.customCards.some(i=>i.type===n)||window.customCards.push({type:n,name:`MediaNest: ${t}`,description:s,preview:!0});customElements.get("ll-strategy-dashboard-medianest")||customElements.define("ll-strategy-dashboard-medianest",V)}window.CustomElementRegistryPolyfill?De():customElements.whenDefined("home-assistant").then(De);
